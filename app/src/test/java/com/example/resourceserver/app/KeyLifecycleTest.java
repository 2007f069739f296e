package com.example.resourceserver.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.Poll;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The contract's "Keys (JWKS)" section end to end: the service fetches keys over HTTP from a test
 * identity provider that publishes, removes, fails and hangs on command.
 */
class KeyLifecycleTest {

    static final String KEYS_UNAVAILABLE_BODY = "{\"error\":\"temporarily_unavailable\",\"error_description\":"
            + "\"The keys to verify the access token cannot be obtained right now, try again later\"}";

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("k1");

    ServiceUnderTest service; // started by each test, stopped by idp

    /** The background warm-up has asked for the keys, so later fetches are the test's own. */
    void awaitWarmUp() {
        Poll.until(
                "the service's background warm-up to fetch the keys",
                () -> idp.jwksFetches() > 0,
                Duration.ofSeconds(5));
    }

    @Test
    void keysAreFoundThroughDiscoveryWhenNoJwksUrlIsGiven() {
        service = ServiceUnderTest.trusting(idp).without("auth.jwks-uri").start();

        assertEquals(200, service.statusWithToken("/api/private", idp.valid("")));
        assertEquals(1, idp.discoveryFetches());
    }

    @Test
    void aKeyPublishedAfterStartupIsAcceptedOnFirstUse() {
        service = ServiceUnderTest.startTrusting(idp); // default settings: 30 s between refetches
        awaitWarmUp();
        assertEquals(200, service.statusWithToken("/api/private", idp.valid("")));

        RSAKey rotated = idp.addKey("k2");

        assertEquals(
                200, service.statusWithToken("/api/private", idp.mint(rotated).valid("")));
    }

    @Test
    void fiftyRandomKidsCauseAtMostAFewFetches() {
        service = ServiceUnderTest.startTrusting(idp);
        awaitWarmUp();
        assertEquals(200, service.statusWithToken("/api/private", idp.valid("")));
        idp.resetCounts();

        for (int i = 0; i < 50; i++) {
            HttpResponse<String> response = service.getWithToken(
                    "/api/private",
                    idp.token().header("kid", UUID.randomUUID().toString()).sign());
            assertEquals(401, response.statusCode());
            assertEquals(
                    "Bearer error=\"invalid_token\", error_description=\"The access token is signed with an "
                            + "unknown key\", resource_metadata=\"http://127.0.0.1:" + service.port()
                            + "/.well-known/oauth-protected-resource\"",
                    response.headers().firstValue("WWW-Authenticate").orElse(""));
        }

        int fetches = idp.jwksFetches();
        assertTrue(fetches <= 2, "50 random kids caused " + fetches + " JWKS fetches");
    }

    @Test
    void cachedKeysKeepVerifyingWhileTheKeySetAnswers500() throws Exception {
        service = ServiceUnderTest.trusting(idp).fastKeyRefresh().start();
        awaitWarmUp();
        String token = idp.valid("");
        assertEquals(200, service.statusWithToken("/api/private", token));

        idp.mode(JwksServer.Mode.FAIL_500);
        // A sleep, not a poll: what is checked is that nothing changes once the 2 s cache TTL has passed.
        Thread.sleep(2500); // the cache TTL has passed: refreshes now fail

        assertEquals(200, service.statusWithToken("/api/private", token));
        assertEquals(200, service.statusWithToken("/api/private", idp.valid("read:messages")));
        assertTrue(idp.jwksFetches() > 1, "the service should have tried to refresh");
    }

    @Test
    void aHangingKeySetNeverMakesARequestWaitPastTheFetchTimeout() throws Exception {
        service = ServiceUnderTest.trusting(idp).fastKeyRefresh().start();
        awaitWarmUp();
        String token = idp.valid("");
        assertEquals(200, service.statusWithToken("/api/private", token));

        idp.mode(JwksServer.Mode.HANG);
        // A sleep, not a poll: once the 2 s cache TTL has passed, every refresh meets the hang.
        Thread.sleep(2500);

        long start = System.nanoTime();
        assertEquals(
                200, service.statusWithToken("/api/private", token), "a cached key verifies while the key set hangs");
        HttpResponse<String> unknown = service.getWithToken(
                "/api/private", idp.token().header("kid", "new").sign());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(503, unknown.statusCode());
        assertTrue(
                elapsedMillis < 2 * 700 + 1000,
                "two requests took " + elapsedMillis + " ms with a 700 ms fetch timeout");
        assertEquals(200, service.get("/api/public").statusCode());
    }

    @Test
    void theServiceStartsWhileTheKeySetIsDownAndRecoversWhenItReturns() {
        idp.mode(JwksServer.Mode.FAIL_500);
        service = ServiceUnderTest.trusting(idp).fastKeyRefresh().start();

        assertEquals(200, service.get("/api/public").statusCode());
        HttpResponse<String> unavailable = service.getWithToken("/api/private", idp.valid(""));
        assertEquals(503, unavailable.statusCode());
        assertEquals("1", unavailable.headers().firstValue("Retry-After").orElse(""));
        assertTrue(unavailable.headers().firstValue("WWW-Authenticate").isEmpty());
        assertEquals(KEYS_UNAVAILABLE_BODY, unavailable.body());
        assertEquals(
                "application/json",
                unavailable.headers().firstValue("Content-Type").orElse(""));

        idp.mode(JwksServer.Mode.SERVE);
        int status = Poll.until(
                () -> service.statusWithToken("/api/private", idp.valid("")), s -> s == 200, Duration.ofSeconds(5));
        assertEquals(200, status, "the service should recover once the key set is back");
    }

    @Test
    void retryAfterFollowsTheRefetchInterval() {
        idp.mode(JwksServer.Mode.FAIL_500);
        service = ServiceUnderTest.startTrusting(idp);
        HttpResponse<String> unavailable = service.getWithToken("/api/private", idp.valid(""));
        assertEquals(503, unavailable.statusCode());
        assertEquals("30", unavailable.headers().firstValue("Retry-After").orElse(""));
    }

    @Test
    void keysRemovedFromTheKeySetStopVerifyingAfterTheNextRefresh() {
        RSAKey second = idp.addKey("k2");
        service = ServiceUnderTest.trusting(idp).fastKeyRefresh().start();
        String signedBySecond = idp.mint(second).valid("");
        assertEquals(200, service.statusWithToken("/api/private", signedBySecond));

        idp.removeKey(second);

        // The scheduled refresh comes before the 2 s cache TTL runs out; the bound leaves half a second more.
        HttpResponse<String> response = Poll.until(
                () -> service.getWithToken("/api/private", signedBySecond),
                r -> r.statusCode() == 401,
                Duration.ofMillis(2500));
        assertEquals(401, response.statusCode());
        assertEquals(200, service.statusWithToken("/api/private", idp.valid("")));
    }
}
