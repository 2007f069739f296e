package com.example.resourceserver.auth.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.jws.Sha256;
import com.example.resourceserver.auth.testing.IntrospectionServer;
import com.example.resourceserver.auth.testing.IntrospectionServer.Reply;
import com.example.resourceserver.auth.testing.Poll;
import com.example.resourceserver.auth.testing.TestConfigurations;
import com.example.resourceserver.auth.testing.TestPipeline;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.Scope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Opaque tokens through the request pipeline: the issuer that introspects asks its real introspection endpoint
 * over HTTP on 127.0.0.1; answers are remembered by the introspection verdict cache.
 */
class OpaqueVouchingTest {

    static final String ISSUER = "https://issuer.example/";
    static final String AUDIENCE = "https://api.example/";
    static final String TOKEN = "opaque-token_123~+/=";

    final IntrospectionServer endpoint = IntrospectionServer.start();
    final ExecutorService executor = Executors.newCachedThreadPool();
    final AuthSettings settings = new AuthSettings();
    final List<TestPipeline> started = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (TestPipeline pipeline : started) {
            pipeline.close();
        }
        endpoint.close();
        executor.shutdownNow();
    }

    /** The pipeline of one issuer that introspects at the endpoint as client resource-server. */
    TestPipeline pipeline() {
        Map<String, String> properties = new HashMap<>();
        properties.put("auth.issuer", ISSUER);
        properties.put("auth.audience", AUDIENCE);
        properties.put("auth.introspection.uri", endpoint.endpoint().toString());
        properties.put("auth.introspection.client-id", "resource-server");
        properties.put("auth.introspection.client-secret", "s3cret:é");
        return pipeline(properties);
    }

    TestPipeline pipeline(Map<String, String> properties) {
        TestPipeline pipeline = TestPipeline.start(TestConfigurations.resolve(settings, properties), executor);
        started.add(pipeline);
        return pipeline;
    }

    static AuthResult<VerifiedToken> verify(TestPipeline pipeline, String token) {
        return pipeline.bearer(token);
    }

    static Reason reason(AuthResult<?> result) {
        return assertInstanceOf(AuthResult.Refused.class, result).failure().reason();
    }

    static long in(long seconds) {
        return Instant.now().getEpochSecond() + seconds;
    }

    String active(String extra) {
        return "{\"active\":true,\"sub\":\"alice\",\"scope\":\"openid read:messages\",\"exp\":" + in(300) + extra + "}";
    }

    @Test
    void anActiveAnswerGivesTheCallerWithTheSameMappingAsJwtsAndAsksWithClientSecretBasic() {
        endpoint.answer(
                token -> Reply.json(active(",\"iss\":\"" + ISSUER + "\",\"aud\":[\"x\",\"" + AUDIENCE + "\"]")));
        AuthResult<VerifiedToken> verification = verify(pipeline(), TOKEN);

        AuthResult.Authenticated<?> verified = assertInstanceOf(AuthResult.Authenticated.class, verification);
        assertEquals("alice", verified.token().caller().subject());
        assertEquals(
                Set.of(Scope.of("openid"), Scope.of("read:messages")),
                verified.token().caller().grantedScopes());
        assertEquals(ISSUER, verified.token().issuer().definition().issuer());
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
    void anIntrospectedTokenBoundToADpopKeyIsRefusedAsBearerEvenWhenRemembered() {
        // cnf.jkt of the answer is kept: the same binding rule as for a JWT applies (RFC 9449 §6.2, §7.2).
        endpoint.answer(
                token -> Reply.json(active(",\"cnf\":{\"jkt\":\"0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I\"}")));
        TestPipeline pipeline = pipeline();
        assertEquals(Reason.DPOP_BOUND_TOKEN_AS_BEARER, reason(verify(pipeline, TOKEN)));
        assertEquals(Reason.DPOP_BOUND_TOKEN_AS_BEARER, reason(verify(pipeline, TOKEN)));
        assertEquals(1, endpoint.calls(), "the answer was remembered; the binding is checked on every request");
    }

    @Test
    void answersAreRememberedByTokenSoTheSecondRequestAsksNobody() {
        endpoint.answer(token -> Reply.json(token.equals(TOKEN) ? active("") : "{\"active\":false}"));
        TestPipeline introspector = pipeline();
        assertInstanceOf(AuthResult.Authenticated.class, verify(introspector, TOKEN));
        assertInstanceOf(AuthResult.Authenticated.class, verify(introspector, TOKEN));
        assertEquals(Reason.INACTIVE, reason(verify(introspector, "other")));
        assertEquals(Reason.INACTIVE, reason(verify(introspector, "other")));
        assertEquals(2, endpoint.calls());
    }

    @Test
    void concurrentRequestsForOneUnknownTokenCauseOneCall() throws Exception {
        endpoint.answer(token -> Reply.json(active("")).delayed(300));
        TestPipeline introspector = pipeline();
        List<CompletableFuture<AuthResult<VerifiedToken>>> pending = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pending.add(CompletableFuture.supplyAsync(() -> verify(introspector, TOKEN), executor));
        }
        for (CompletableFuture<AuthResult<VerifiedToken>> each : pending) {
            assertInstanceOf(AuthResult.Authenticated.class, each.get(10, TimeUnit.SECONDS));
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
                new Case("{\"active\":true,\"sub\":{}}", Reason.INVALID_CLAIM));
        for (Case each : cases) {
            endpoint.answer(token -> Reply.json(each.answer()));
            assertEquals(each.reason(), reason(verify(pipeline(), TOKEN)), each.answer());
        }
    }

    @Test
    void badAnswersAreAnUnavailableEndpointNeverAVerdictAndAreNotRemembered() {
        settings.getIntrospection().setTimeout(Duration.ofMillis(500));
        settings.getIntrospection().setMaxResponseBytes(4096);
        byte[] huge = ("{\"active\":true,\"pad\":\"" + "x".repeat(10_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        List<Reply> replies = List.of(
                new Reply(200, "application/json", "not json".getBytes(StandardCharsets.UTF_8), null, 0),
                new Reply(200, "text/html", "<html>".getBytes(StandardCharsets.UTF_8), null, 0),
                Reply.json("{}"),
                Reply.json("{\"active\":\"true\"}"),
                Reply.json("{\"active\":1}"),
                Reply.json("[true]"),
                Reply.json("{\"active\":true,\"sub\":\"alice\",\"sub\":\"mallory\"}"),
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
            TestPipeline introspector = pipeline();
            int before = endpoint.calls();
            long started = System.nanoTime();
            AuthResult<VerifiedToken> verification = verify(introspector, TOKEN);
            String label = reply.status() + " "
                    + new String(reply.body(), StandardCharsets.UTF_8).substring(0, Math.min(40, reply.body().length));
            assertEquals(Reason.INTROSPECTION_UNAVAILABLE, reason(verification), label);
            assertTrue(((AuthResult.Refused<?>) verification)
                            .failure()
                            .retryAfter()
                            .toSeconds()
                    >= 0);
            assertTrue(
                    Duration.ofNanos(System.nanoTime() - started).toMillis() < 1_500,
                    "bounded by the timeout: " + label);
            assertEquals(before + 1, endpoint.calls(), "a redirect is never followed: " + label);
            // The request was answered at the timeout; the call it shared may end a moment later, then is dropped.
            Poll.until(
                    "the failed call to be dropped",
                    () -> introspector.introspected().size() == 0,
                    Duration.ofSeconds(5));
            verify(introspector, TOKEN);
            assertEquals(before + 2, endpoint.calls(), "a failure is not remembered: " + label);
        }
    }

    @Test
    void aTokenTooLongOrWithCharactersNoBearerTokenHasIsRefusedWithoutBeingSent() {
        endpoint.answer(token -> Reply.json(active("")));
        TestPipeline introspector = pipeline();
        for (String token : List.of(
                "a".repeat(10 * 1024),
                "a".repeat(settings.getIntrospection().getMaxTokenLength() + 1),
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
        assertInstanceOf(
                AuthResult.Authenticated.class,
                verify(introspector, "a".repeat(settings.getIntrospection().getMaxTokenLength())));
    }

    @Test
    void onlyTokensThatAreNotShapedLikeAJwsAreOpaque() {
        assertTrue(TokenVouching.isCompactJws("eyJh.eyJi.c2ln"));
        assertTrue(TokenVouching.isCompactJws("a.b.c"));
        assertFalse(TokenVouching.isCompactJws("2YotnFZFEjr1zCsicMWpAA"));
        assertFalse(TokenVouching.isCompactJws("ory_at_abc.def"));
        assertFalse(TokenVouching.isCompactJws("a.b.c.d.e"), "a JWE is opaque to this service");
    }

    @Test
    void withoutAnIssuerThatIntrospectsAnOpaqueTokenIsMalformedAndSentNowhere() {
        endpoint.answer(token -> Reply.json(active("")));
        TestPipeline plain = pipeline(Map.of("auth.issuer", ISSUER, "auth.audience", AUDIENCE));
        assertEquals(Reason.MALFORMED, reason(verify(plain, TOKEN)));
        assertEquals(0, endpoint.calls());
    }

    @Test
    void withoutAConfiguredUriTheEndpointComesFromDiscovery() {
        endpoint.discoveryFor(endpoint.baseUrl());
        endpoint.answer(token -> Reply.json(active("")));
        TestPipeline discovered = pipeline(Map.of(
                "auth.issuer",
                endpoint.baseUrl(),
                "auth.audience",
                AUDIENCE,
                "auth.introspection.client-id",
                "rs",
                "auth.introspection.client-secret",
                "secret"));
        assertInstanceOf(AuthResult.Authenticated.class, verify(discovered, TOKEN));
    }

    @Test
    void theCacheKeyIsTheTokensSha256NeverTheToken() {
        endpoint.answer(token -> Reply.json(active("")));
        TestPipeline pipeline = pipeline();
        verify(pipeline, TOKEN);
        String key = "#" + Sha256.base64Url(TOKEN);
        assertInstanceOf(
                VerdictCache.Verdict.Accepted.class, pipeline.introspected().find(key));
        assertEquals(44, key.length());
        assertNull(pipeline.introspected().find(TOKEN), "the token itself is never a key");
    }
}
