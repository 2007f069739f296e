package com.example.resourceserver.auth.token.introspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.auth.config.IntrospectionSettings;
import com.example.resourceserver.auth.config.IntrospectionTarget;
import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.testing.IntrospectionServer;
import com.example.resourceserver.auth.testing.IntrospectionServer.Reply;
import com.example.resourceserver.auth.token.Verification;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.Scope;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link TokenIntrospector} against a real introspection endpoint over HTTP on 127.0.0.1. */
class TokenIntrospectorTest {

    static final String ISSUER = "https://issuer.example/";
    static final String AUDIENCE = "https://api.example/";
    static final String TOKEN = "opaque-token_123~+/=";

    final IntrospectionServer endpoint = IntrospectionServer.start();
    final ExecutorService executor = Executors.newCachedThreadPool();
    final TrustedIssuer issuer = new TrustedIssuer("default", ISSUER, AUDIENCE, new JwksLocation.Discovered(ISSUER));
    final IntrospectionSettings settings = new IntrospectionSettings();

    @AfterEach
    void stop() {
        endpoint.close();
        executor.shutdownNow();
    }

    TokenIntrospector introspector() {
        return introspector(Optional.of(endpoint.endpoint()), false);
    }

    TokenIntrospector introspector(Optional<URI> uri, boolean introspectJwts) {
        IntrospectionTarget target =
                new IntrospectionTarget(issuer, uri, "resource-server", "s3cret:é", introspectJwts);
        return new TokenIntrospector(
                List.of(target),
                settings,
                POLICY,
                NO_KEYS,
                true,
                Clock.systemUTC(),
                executor,
                IntrospectionObserver.NONE,
                CALLERS);
    }

    static final com.example.resourceserver.auth.config.VerificationPolicy POLICY =
            new com.example.resourceserver.auth.config.VerificationPolicy(
                    Set.of(com.nimbusds.jose.JWSAlgorithm.RS256), Duration.ofSeconds(60), Set.of(), false, 8192);

    /** Plain JSON answers need no keys. */
    static final com.example.resourceserver.auth.keys.TrustedKeySets NO_KEYS =
            new com.example.resourceserver.auth.keys.TrustedKeySets(
                    List.of(),
                    new com.example.resourceserver.auth.config.JwksSettings(),
                    true,
                    Clock.systemUTC(),
                    Executors.newSingleThreadExecutor(),
                    com.example.resourceserver.auth.keys.KeyFetchObserver.NONE);

    /** Grants as scopes of the same value, as the generic profile without aliases maps them. */
    static final com.example.resourceserver.auth.token.TokenCaller CALLERS =
            new com.example.resourceserver.auth.token.TokenCaller(
                    com.example.resourceserver.auth.token.GrantedScopes.AS_GRANTED);

    static Verification verify(TokenIntrospector introspector, String token) {
        try {
            return introspector.verifyOpaque(token).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Reason reason(Verification verification) {
        return assertInstanceOf(Verification.Rejected.class, verification)
                .failure()
                .reason();
    }

    static long in(long seconds) {
        return Instant.now().getEpochSecond() + seconds;
    }

    String active(String extra) {
        return "{\"active\":true,\"sub\":\"alice\",\"scope\":\"openid read:messages\",\"exp\":" + in(300) + extra + "}";
    }

    @Test
    void anActiveAnswerGivesTheCallerWithTheSameMappingAsJwtsAndAsksWithClientSecretBasic() {
        endpoint.answer(token -> Reply.json(active(",\"iss\":\"" + ISSUER + "\",\"aud\":[\"x\",\"" + AUDIENCE
                + "\"],\"cnf\":{\"jkt\":\"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I\"}")));
        Verification verification = verify(introspector(), TOKEN);

        Verification.Verified verified = assertInstanceOf(Verification.Verified.class, verification);
        assertEquals("alice", verified.token().caller().subject());
        assertEquals(
                Set.of(Scope.of("openid"), Scope.of("read:messages")),
                verified.token().caller().grantedScopes());
        assertEquals(issuer, verified.token().issuer());
        IntrospectionServer.Received request = endpoint.received().get(0);
        assertEquals(TOKEN, request.form().get("token"));
        assertEquals("application/json", request.accept(), "no signed answer asked for unless configured");
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString(
                                ("resource-server:" + java.net.URLEncoder.encode("s3cret:é", StandardCharsets.UTF_8))
                                        .getBytes(StandardCharsets.UTF_8));
        assertEquals(basic, request.authorization(), "RFC 6749 §2.3.1: form-encoded id and secret, then Basic");
    }

    @Test
    void answersAreRememberedByTokenSoTheSecondRequestAsksNobody() {
        endpoint.answer(token -> Reply.json(token.equals(TOKEN) ? active("") : "{\"active\":false}"));
        TokenIntrospector introspector = introspector();
        assertInstanceOf(Verification.Verified.class, verify(introspector, TOKEN));
        assertInstanceOf(Verification.Verified.class, verify(introspector, TOKEN));
        assertEquals(Reason.INACTIVE, reason(verify(introspector, "other")));
        assertEquals(Reason.INACTIVE, reason(verify(introspector, "other")));
        assertEquals(2, endpoint.calls());
    }

    @Test
    void concurrentRequestsForOneUnknownTokenCauseOneCall() throws Exception {
        endpoint.answer(token -> Reply.json(active("")).delayed(300));
        TokenIntrospector introspector = introspector();
        List<CompletableFuture<Verification>> pending = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pending.add(CompletableFuture.supplyAsync(() -> verify(introspector, TOKEN), executor));
        }
        for (CompletableFuture<Verification> each : pending) {
            assertInstanceOf(Verification.Verified.class, each.get(10, TimeUnit.SECONDS));
        }
        assertEquals(1, endpoint.calls());
    }

    @Test
    void theAnswersClaimsAreChecked() {
        record Case(String answer, Reason reason) {}
        List<Case> cases = List.of(
                new Case("{\"active\":false}", Reason.INACTIVE),
                new Case("{\"active\":true,\"exp\":" + in(-120) + "}", Reason.EXPIRED),
                new Case(active(",\"iss\":\"https://other.example/\""), Reason.UNTRUSTED_ISSUER),
                new Case(active(",\"iss\":\"https://issuer.example\""), Reason.UNTRUSTED_ISSUER),
                new Case(active(",\"aud\":\"https://other/\""), Reason.WRONG_AUDIENCE),
                new Case(active(",\"aud\":[\"https://other/\"]"), Reason.WRONG_AUDIENCE),
                new Case("{\"active\":true,\"exp\":\"" + in(300) + "\"}", Reason.INVALID_CLAIM),
                new Case("{\"active\":true,\"exp\":1e300}", Reason.INVALID_CLAIM),
                new Case(active(",\"iss\":7"), Reason.INVALID_CLAIM),
                new Case("{\"active\":true,\"scope\":[\"read:messages\"]}", Reason.INVALID_CLAIM),
                new Case(active(",\"aud\":[\"" + AUDIENCE + "\",7]"), Reason.INVALID_CLAIM),
                new Case(active(",\"cnf\":{\"jkt\":7}"), Reason.INVALID_CLAIM),
                new Case(active(",\"cnf\":\"x\""), Reason.INVALID_CLAIM),
                new Case(active(",\"sub\":{}"), Reason.INVALID_CLAIM));
        for (Case each : cases) {
            endpoint.answer(token -> Reply.json(each.answer()));
            assertEquals(each.reason(), reason(verify(introspector(), TOKEN)), each.answer());
        }
    }

    @Test
    void badAnswersAreAnUnavailableEndpointNeverAVerdictAndAreNotRemembered() {
        settings.setTimeout(Duration.ofMillis(500));
        settings.setMaxResponseBytes(4096);
        byte[] huge = ("{\"active\":true,\"pad\":\"" + "x".repeat(10_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        List<Reply> replies = List.of(
                new Reply(200, "application/json", "not json".getBytes(StandardCharsets.UTF_8), null, 0),
                new Reply(200, "text/html", "<html>".getBytes(StandardCharsets.UTF_8), null, 0),
                Reply.json("{}"),
                Reply.json("{\"active\":\"true\"}"),
                Reply.json("{\"active\":1}"),
                Reply.json("[true]"),
                new Reply(200, "application/json", huge, null, 0),
                new Reply(
                        401,
                        "application/json",
                        "{\"error\":\"invalid_client\"}".getBytes(StandardCharsets.UTF_8),
                        null,
                        0),
                new Reply(500, "text/plain", new byte[0], null, 0),
                new Reply(302, null, new byte[0], endpoint.redirectTarget(), 0),
                new Reply(307, null, new byte[0], endpoint.redirectTarget(), 0),
                Reply.json(active("")).delayed(2_000));
        for (Reply reply : replies) {
            endpoint.answer(token -> reply);
            TokenIntrospector introspector = introspector();
            int before = endpoint.calls();
            long started = System.nanoTime();
            Verification verification = verify(introspector, TOKEN);
            String label = reply.status() + " "
                    + new String(reply.body(), StandardCharsets.UTF_8).substring(0, Math.min(40, reply.body().length));
            assertEquals(Reason.INTROSPECTION_UNAVAILABLE, reason(verification), label);
            assertTrue(((Verification.Rejected) verification)
                            .failure()
                            .retryAfter()
                            .toSeconds()
                    >= 0);
            assertTrue(
                    Duration.ofNanos(System.nanoTime() - started).toMillis() < 1_500,
                    "bounded by the timeout: " + label);
            assertEquals(before + 1, endpoint.calls(), "a redirect is never followed: " + label);
            verify(introspector, TOKEN);
            assertEquals(before + 2, endpoint.calls(), "a failure is not remembered: " + label);
        }
    }

    @Test
    void aTokenTooLongOrWithCharactersNoBearerTokenHasIsRefusedWithoutBeingSent() {
        endpoint.answer(token -> Reply.json(active("")));
        TokenIntrospector introspector = introspector();
        for (String token : List.of(
                "a".repeat(10 * 1024),
                "a".repeat(settings.getMaxTokenLength() + 1),
                "a b",
                "a\"b",
                "a,b",
                "é",
                "==",
                "a=b")) {
            assertEquals(
                    Reason.MALFORMED,
                    reason(verify(introspector, token)),
                    token.substring(0, Math.min(20, token.length())));
        }
        assertEquals(0, endpoint.calls());
        assertInstanceOf(Verification.Verified.class, verify(introspector, "a".repeat(settings.getMaxTokenLength())));
    }

    @Test
    void onlyTokensThatAreNotShapedLikeAJwsAreOpaque() {
        TokenIntrospector introspector = introspector();
        assertFalse(introspector.handlesOpaque("eyJh.eyJi.c2ln"));
        assertFalse(introspector.handlesOpaque("a.b.c"));
        assertTrue(introspector.handlesOpaque("2YotnFZFEjr1zCsicMWpAA"));
        assertTrue(introspector.handlesOpaque("ory_at_abc.def"));
        assertTrue(introspector.handlesOpaque("a.b.c.d.e"), "a JWE is opaque to this service");
    }

    @Test
    void withoutAConfiguredUriTheEndpointComesFromDiscovery() {
        endpoint.discoveryFor(ISSUER);
        TrustedIssuer discovered = new TrustedIssuer(
                "default", endpoint.baseUrl(), AUDIENCE, new JwksLocation.Discovered(endpoint.baseUrl()));
        endpoint.discoveryFor(endpoint.baseUrl());
        endpoint.answer(token -> Reply.json(active("")));
        TokenIntrospector introspector = new TokenIntrospector(
                List.of(new IntrospectionTarget(discovered, Optional.empty(), "rs", "secret", false)),
                settings,
                POLICY,
                NO_KEYS,
                true,
                Clock.systemUTC(),
                executor,
                IntrospectionObserver.NONE,
                CALLERS);
        assertInstanceOf(Verification.Verified.class, verify(introspector, TOKEN));
    }

    @Test
    void theCacheKeyIsTheTokensSha256NeverTheToken() {
        String key = IntrospectionCache.keyOf(TOKEN);
        assertFalse(key.contains("opaque"));
        assertEquals(43, key.length());
        assertEquals(key, IntrospectionCache.keyOf(TOKEN));
        assertFalse(key.equals(IntrospectionCache.keyOf(TOKEN + "x")));
    }

    @Test
    void activeAnswersLiveUntilExpAtMostTheMaxTtlRefusalsTheShortTtlFailuresNotAtAll() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        Duration max = Duration.ofMinutes(5);
        Duration inactive = Duration.ofSeconds(10);
        IntrospectionAnswer soon = new IntrospectionAnswer.Active(
                new IntrospectedToken(
                        null, issuer, Optional.of(now.plusSeconds(60)), java.util.Map.of(), Optional.empty()),
                1);
        IntrospectionAnswer late = new IntrospectionAnswer.Active(
                new IntrospectedToken(
                        null, issuer, Optional.of(now.plusSeconds(3600)), java.util.Map.of(), Optional.empty()),
                1);
        IntrospectionAnswer noExp = new IntrospectionAnswer.Active(
                new IntrospectedToken(null, issuer, Optional.empty(), java.util.Map.of(), Optional.empty()), 1);
        assertEquals(Duration.ofSeconds(60), IntrospectionCache.lifetime(soon, max, inactive, now));
        assertEquals(max, IntrospectionCache.lifetime(late, max, inactive, now));
        assertEquals(max, IntrospectionCache.lifetime(noExp, max, inactive, now));
        assertEquals(
                inactive,
                IntrospectionCache.lifetime(
                        new IntrospectionAnswer.Refused(Reason.INACTIVE, "inactive"), max, inactive, now));
        assertEquals(
                Duration.ZERO,
                IntrospectionCache.lifetime(new IntrospectionAnswer.Unavailable("timeout"), max, inactive, now));
    }

    @Test
    void theConfirmationThumbprintIsKeptForDpop() {
        IntrospectionAnswer answer = IntrospectionClaims.judge(
                new java.util.HashMap<>(
                        java.util.Map.of("active", true, "sub", "alice", "cnf", java.util.Map.of("jkt", "thumb"))),
                issuer,
                Instant.now(),
                Duration.ZERO,
                1,
                CALLERS);
        IntrospectionAnswer.Active active = assertInstanceOf(IntrospectionAnswer.Active.class, answer);
        assertEquals(Optional.of("thumb"), active.token().thumbprint());
    }
}
