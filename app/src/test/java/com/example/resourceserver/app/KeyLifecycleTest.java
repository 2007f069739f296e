package com.example.resourceserver.app;

import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract's "Keys (JWKS)" section end to end: the service fetches keys over HTTP from a test
 * identity provider that publishes, removes, fails and hangs on command.
 */
class KeyLifecycleTest {

    static final String KEYS_UNAVAILABLE_BODY = "{\"error\":\"temporarily_unavailable\",\"error_description\":"
            + "\"The keys to verify the access token cannot be obtained right now, try again later\"}";

    JwksServer jwks;
    RSAKey key;
    TokenMint mint;
    ServiceUnderTest service;

    @BeforeEach
    void identityProvider() {
        key = TestKeys.rsa("k1");
        jwks = JwksServer.start().publish(key);
        mint = new TokenMint(key, jwks.baseUrl(), ServiceUnderTest.AUDIENCE);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        jwks.close();
    }

    int status(String token) {
        return service.getWithToken("/api/private", token).statusCode();
    }

    static void awaitWarmUp(JwksServer jwks) throws InterruptedException {
        for (int i = 0; i < 100 && jwks.requests(JwksServer.JWKS_PATH) == 0; i++) {
            Thread.sleep(50);
        }
    }

    @Test
    void keysAreFoundThroughDiscoveryWhenNoJwksUrlIsGiven() {
        Map<String, Object> properties = ServiceUnderTest.trusting(jwks);
        properties.remove("auth.jwks-uri");
        service = ServiceUnderTest.start(properties);

        assertEquals(200, status(mint.valid("")));
        assertEquals(1, jwks.requests(JwksServer.DISCOVERY_PATH));
    }

    @Test
    void aKeyPublishedAfterStartupIsAcceptedOnFirstUse() throws Exception {
        service = ServiceUnderTest.start(ServiceUnderTest.trusting(jwks)); // default settings: 30 s between refetches
        awaitWarmUp(jwks);
        assertEquals(200, status(mint.valid("")));

        RSAKey rotated = TestKeys.rsa("k2");
        jwks.publish(key, rotated);

        assertEquals(200, status(new TokenMint(rotated, jwks.baseUrl(), ServiceUnderTest.AUDIENCE).valid("")));
    }

    @Test
    void fiftyRandomKidsCauseAtMostAFewFetches() throws Exception {
        service = ServiceUnderTest.start(ServiceUnderTest.trusting(jwks));
        awaitWarmUp(jwks);
        assertEquals(200, status(mint.valid("")));
        jwks.resetCounts();

        for (int i = 0; i < 50; i++) {
            HttpResponse<String> response = service.getWithToken("/api/private",
                    mint.token().header("kid", UUID.randomUUID().toString()).sign());
            assertEquals(401, response.statusCode());
            assertEquals("Bearer error=\"invalid_token\", error_description=\"The access token is signed with an "
                    + "unknown key\", resource_metadata=\"http://127.0.0.1:" + service.port()
                    + "/.well-known/oauth-protected-resource\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
        }

        int fetches = jwks.requests(JwksServer.JWKS_PATH);
        assertTrue(fetches <= 2, "50 random kids caused " + fetches + " JWKS fetches");
    }

    @Test
    void cachedKeysKeepVerifyingWhileTheKeySetAnswers500() throws Exception {
        service = ServiceUnderTest.start(ServiceUnderTest.trustingWithFastKeyRefresh(jwks));
        awaitWarmUp(jwks);
        String token = mint.valid("");
        assertEquals(200, status(token));

        jwks.mode(JwksServer.Mode.FAIL_500);
        Thread.sleep(2500); // the cache TTL has passed: refreshes now fail

        assertEquals(200, status(token));
        assertEquals(200, status(mint.valid("read:messages")));
        assertTrue(jwks.requests(JwksServer.JWKS_PATH) > 1, "the service should have tried to refresh");
    }

    @Test
    void aHangingKeySetNeverMakesARequestWaitPastTheFetchTimeout() throws Exception {
        service = ServiceUnderTest.start(ServiceUnderTest.trustingWithFastKeyRefresh(jwks));
        awaitWarmUp(jwks);
        String token = mint.valid("");
        assertEquals(200, status(token));

        jwks.mode(JwksServer.Mode.HANG);
        Thread.sleep(2500);

        long start = System.nanoTime();
        assertEquals(200, status(token), "a cached key verifies while the key set hangs");
        HttpResponse<String> unknown = service.getWithToken("/api/private", mint.token().header("kid", "new").sign());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(503, unknown.statusCode());
        assertTrue(elapsedMillis < 2 * 700 + 1000, "two requests took " + elapsedMillis + " ms with a 700 ms fetch timeout");
        assertEquals(200, service.get("/api/public").statusCode());
    }

    @Test
    void theServiceStartsWhileTheKeySetIsDownAndRecoversWhenItReturns() throws Exception {
        jwks.mode(JwksServer.Mode.FAIL_500);
        service = ServiceUnderTest.start(ServiceUnderTest.trustingWithFastKeyRefresh(jwks));

        assertEquals(200, service.get("/api/public").statusCode());
        HttpResponse<String> unavailable = service.getWithToken("/api/private", mint.valid(""));
        assertEquals(503, unavailable.statusCode());
        assertEquals("1", unavailable.headers().firstValue("Retry-After").orElse(""));
        assertTrue(unavailable.headers().firstValue("WWW-Authenticate").isEmpty());
        assertEquals(KEYS_UNAVAILABLE_BODY, unavailable.body());
        assertEquals("application/json", unavailable.headers().firstValue("Content-Type").orElse(""));

        jwks.mode(JwksServer.Mode.SERVE);
        int status = 0;
        for (int i = 0; i < 50 && status != 200; i++) {
            Thread.sleep(100);
            status = status(mint.valid(""));
        }
        assertEquals(200, status, "the service should recover once the key set is back");
    }

    @Test
    void retryAfterFollowsTheRefetchInterval() {
        jwks.mode(JwksServer.Mode.FAIL_500);
        service = ServiceUnderTest.start(ServiceUnderTest.trusting(jwks));
        HttpResponse<String> unavailable = service.getWithToken("/api/private", mint.valid(""));
        assertEquals(503, unavailable.statusCode());
        assertEquals("30", unavailable.headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    void keysRemovedFromTheKeySetStopVerifyingAfterTheNextRefresh() throws Exception {
        RSAKey second = TestKeys.rsa("k2");
        jwks.publish(key, second);
        service = ServiceUnderTest.start(ServiceUnderTest.trustingWithFastKeyRefresh(jwks));
        String signedBySecond = new TokenMint(second, jwks.baseUrl(), ServiceUnderTest.AUDIENCE).valid("");
        assertEquals(200, status(signedBySecond));

        jwks.publish(key);
        Thread.sleep(2500);

        HttpResponse<String> response = service.getWithToken("/api/private", signedBySecond);
        assertEquals(401, response.statusCode());
        assertEquals(200, status(mint.valid("")));
    }
}
