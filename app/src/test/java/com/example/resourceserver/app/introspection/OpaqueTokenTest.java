package com.example.resourceserver.app.introspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.RawHttp;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.IntrospectionServer;
import com.example.resourceserver.auth.testing.IntrospectionServer.Reply;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Opaque access tokens end to end: the service asks a real introspection endpoint on 127.0.0.1
 * (RFC 7662) and answers the routes with the same statuses, challenges and bodies as for JWTs.
 */
class OpaqueTokenTest {

    static final String SCOPED_BODY = "{\"message\":\"Hello from a private endpoint! You need to be authenticated "
            + "and have a scope of read:messages to see this.\"}";

    final JwksServer jwks = JwksServer.start();
    final IntrospectionServer introspection = IntrospectionServer.start();
    final RSAKey key = TestKeys.rsa("opaque-test-key");
    ServiceUnderTest service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        jwks.close();
        introspection.close();
    }

    void start(Map<String, Object> extra) {
        jwks.publish(key);
        Map<String, Object> properties = ServiceUnderTest.propertiesTrusting(jwks);
        properties.put("auth.introspection.uri", introspection.endpoint().toString());
        properties.put("auth.introspection.client-id", "resource-server");
        properties.put("auth.introspection.client-secret", "secret");
        properties.put("auth.introspection.timeout", "2s");
        properties.putAll(extra);
        service = ServiceUnderTest.start(properties);
    }

    RawHttp.Response get(String path, String token) {
        return RawHttp.get(service.port(), path, "Authorization: Bearer " + token);
    }

    String active(String scope) {
        return "{\"active\":true,\"sub\":\"alice\",\"iss\":\"" + jwks.baseUrl() + "\",\"aud\":\""
                + ServiceUnderTest.AUDIENCE + "\",\"scope\":\"" + scope + "\",\"exp\":"
                + (Instant.now().getEpochSecond() + 300) + "}";
    }

    @Test
    void anActiveOpaqueTokenIsServedAndItsScopeIsDecidedPerRouteFromOneCachedAnswer() {
        start(Map.of());
        introspection.answer(token -> Reply.json(token.equals("scoped") ? active("read:messages") : active("openid")));

        RawHttp.Response scoped = get("/api/private-scoped", "scoped");
        assertEquals(200, scoped.status(), scoped.toString());
        assertEquals(SCOPED_BODY, scoped.body());

        assertEquals(200, get("/api/private", "unscoped").status());
        RawHttp.Response refused = get("/api/private-scoped", "unscoped");
        assertEquals(403, refused.status());
        assertEquals(
                List.of("Bearer error=\"insufficient_scope\", scope=\"read:messages\", error_description=\"The "
                        + "access token lacks the scope read:messages\""),
                refused.all("WWW-Authenticate"));
        assertEquals(200, get("/api/private", "unscoped").status(), "the cached answer does not remember a route");
        assertEquals(2, introspection.calls(), "one call per token, whatever the routes");
    }

    @Test
    void aDpopBoundOpaqueTokenNeedsItsProofEveryTimeAndIsRefusedAsBearer() throws Exception {
        start(Map.of());
        ECKey clientKey = TestKeys.ec(null);
        String jkt = clientKey.computeThumbprint().toString();
        String bound = active("read:messages").replace("\"sub\"", "\"cnf\":{\"jkt\":\"" + jkt + "\"},\"sub\"");
        introspection.answer(token -> Reply.json(bound));
        DefaultDPoPProofFactory proofs = new DefaultDPoPProofFactory(clientKey, JWSAlgorithm.ES256);
        String url = "http://127.0.0.1:" + service.port() + "/api/private-scoped";
        String proof = proofs.createDPoPJWT("GET", URI.create(url), new DPoPAccessToken("opaque-bound"))
                .serialize();

        RawHttp.Response accepted = RawHttp.get(
                service.port(), "/api/private-scoped", "Authorization: DPoP opaque-bound", "DPoP: " + proof);
        assertEquals(200, accepted.status(), accepted.toString());
        assertEquals(SCOPED_BODY, accepted.body());
        // The answer is cached; the proof is not: the same proof again is a replay.
        RawHttp.Response replayed = RawHttp.get(
                service.port(), "/api/private-scoped", "Authorization: DPoP opaque-bound", "DPoP: " + proof);
        assertEquals(401, replayed.status());
        assertTrue(replayed.header("WWW-Authenticate").orElse("").startsWith("DPoP error=\"invalid_dpop_proof\""));
        RawHttp.Response asBearer = get("/api/private-scoped", "opaque-bound");
        assertEquals(401, asBearer.status());
        assertTrue(
                asBearer.header("WWW-Authenticate").orElse("").contains("The access token is bound to a DPoP key"),
                asBearer.toString());
        assertEquals(1, introspection.calls(), "one call; the binding is checked on every request from the cache");
    }

    @Test
    void anInactiveTokenIsInvalidToken() {
        start(Map.of());
        introspection.answer(token -> Reply.json("{\"active\":false}"));
        RawHttp.Response response = get("/api/private", "revoked");
        assertEquals(401, response.status());
        assertEquals(
                List.of("Bearer error=\"invalid_token\", error_description=\"The access token is not active\", "
                        + "resource_metadata=\"http://127.0.0.1:" + service.port()
                        + "/.well-known/oauth-protected-resource\""),
                response.all("WWW-Authenticate"));
        assertEquals(
                "{\"error\":\"invalid_token\",\"error_description\":\"The access token is not active\"}",
                response.body());
    }

    @Test
    void aFailingOrHangingEndpointIs503WithRetryAfterWithinTheTimeoutNeverA200() {
        start(Map.of());
        for (Reply reply : List.of(
                Reply.json(active("read:messages")).delayed(6_000),
                new Reply(500, "text/plain", new byte[0], null, 0),
                Reply.json("not json"),
                new Reply(302, null, new byte[0], introspection.redirectTarget(), 0))) {
            introspection.answer(token -> reply);
            long started = System.nanoTime();
            RawHttp.Response response =
                    get("/api/private-scoped", "some-token-" + reply.status() + reply.delayMillis());
            long tookMillis = (System.nanoTime() - started) / 1_000_000;
            assertEquals(503, response.status(), response.toString());
            assertTrue(Integer.parseInt(response.header("Retry-After").orElse("0")) >= 1, response.toString());
            assertTrue(response.header("WWW-Authenticate").isEmpty());
            assertTrue(response.body().startsWith("{\"error\":\"temporarily_unavailable\""), response.body());
            assertTrue(tookMillis < 4_500, "answered within the timeout, took " + tookMillis + " ms");
        }
    }

    @Test
    void jwtsAreStillVerifiedLocallyAndNeverSentUnlessConfigured() {
        start(Map.of());
        TokenMint mint = new TokenMint(key, jwks.baseUrl(), ServiceUnderTest.AUDIENCE);
        assertEquals(
                200, get("/api/private-scoped", mint.valid("read:messages")).status());
        assertEquals(
                401, get("/api/private", mint.token().claim("exp", 1).sign()).status());
        assertEquals(401, get("/api/private", "a.b.c").status(), "JWS-shaped junk stays malformed, locally");
        assertEquals(0, introspection.calls());
    }

    @Test
    void jwtsOfAnIssuerSetToIntrospectThemMustAlsoBeActive() {
        start(Map.of("auth.introspection.introspect-jwts", "true"));
        TokenMint mint = new TokenMint(key, jwks.baseUrl(), ServiceUnderTest.AUDIENCE);
        String token = mint.valid("read:messages");
        introspection.answer(t -> Reply.json("{\"active\":false}"));
        assertEquals(401, get("/api/private-scoped", token).status(), "revoked at the issuer");
        assertEquals(1, introspection.calls());
        assertEquals(
                401, get("/api/private", mint.token().claim("exp", 1).sign()).status());
        assertEquals(1, introspection.calls(), "a JWT that fails locally is never sent");
    }

    @Test
    void aHugeOrOddOpaqueTokenIsRefusedWithoutBeingForwarded() {
        start(Map.of());
        introspection.answer(token -> Reply.json(active("read:messages")));
        RawHttp.Response huge = get("/api/private", "a".repeat(10 * 1024));
        assertTrue(huge.status() == 401 || huge.status() == 413 || huge.status() == 431, huge.toString());
        RawHttp.Response longer = get("/api/private", "a".repeat(4097));
        assertEquals(401, longer.status());
        RawHttp.Response odd = get("/api/private", "a,b");
        assertEquals(401, odd.status());
        assertEquals(0, introspection.calls());
    }

    @Test
    void introspectionIsCountedByOutcomeWithoutTheToken() {
        start(Map.of());
        introspection.answer(token -> Reply.json(token.equals("good-token") ? active("") : "{\"active\":false}"));
        get("/api/private", "good-token");
        get("/api/private", "good-token");
        get("/api/private", "bad-token");
        String metrics = RawHttp.get(service.port(), "/prometheus").body();
        assertTrue(
                metrics.contains("token_introspections_seconds_count{issuer=\"default\",outcome=\"active\"} 1\n"),
                metrics);
        assertTrue(metrics.contains("token_introspections_seconds_count{issuer=\"default\",outcome=\"inactive\"} 1\n"));
        assertTrue(metrics.contains("token_introspection_cache_requests_total{result=\"hit\"} 1.0"));
        assertTrue(metrics.contains("token_introspection_cache_requests_total{result=\"miss\"} 2.0"));
        assertFalse(metrics.contains("good-token") || metrics.contains("bad-token"));
    }

    @Test
    void theMetadataAndTheChallengesAreUnchangedByIntrospection() {
        start(Map.of());
        assertEquals(
                200,
                RawHttp.get(service.port(), "/.well-known/oauth-protected-resource")
                        .status());
        assertEquals(0, introspection.calls());
    }
}
