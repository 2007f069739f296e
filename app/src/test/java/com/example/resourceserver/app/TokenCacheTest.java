package com.example.resourceserver.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.pipeline.VerdictCache;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.Poll;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.example.resourceserver.auth.testing.TestKeys;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.security.authentication.Authentication;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The verified-token cache changes cost, never a verdict. */
class TokenCacheTest {

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("k1");

    ServiceUnderTest service; // started by each test, stopped by idp

    @SuppressWarnings("unchecked")
    VerdictCache<Authentication> cache() {
        return service.context()
                .getBean(Argument.of(VerdictCache.class, Authentication.class), Qualifiers.byName("tokens"));
    }

    @Test
    void aRepeatedTokenIsAHit() {
        service = ServiceUnderTest.startTrusting(idp);
        String token = idp.valid("");
        assertEquals(200, service.statusWithToken("/api/private", token));
        assertEquals(200, service.statusWithToken("/api/private", token));
        assertEquals(1, cache().stats().hitCount());
    }

    @Test
    void aCachedTokenStillExpiresOnTime() {
        service = ServiceUnderTest.trusting(idp).with("auth.leeway", "0s").start();
        String token =
                idp.token().claim("exp", Instant.now().getEpochSecond() + 2).sign();
        assertEquals(200, service.statusWithToken("/api/private", token));
        assertEquals(200, service.statusWithToken("/api/private", token));

        // It expires within 2 s; the bound is the 3 s after which the answer must be 401.
        assertEquals(
                401,
                Poll.until(() -> service.statusWithToken("/api/private", token), s -> s == 401, Duration.ofSeconds(3)));
    }

    @Test
    void aCachedTokenWhoseKeyWasRemovedIsRejectedAfterTheNextRefresh() {
        service = ServiceUnderTest.trusting(idp).fastKeyRefresh().start();
        String token = idp.valid("");
        assertEquals(200, service.statusWithToken("/api/private", token));
        assertEquals(200, service.statusWithToken("/api/private", token));
        assertEquals(1, cache().size());

        idp.publishOnly(TestKeys.rsa("k2"));

        // The scheduled refresh comes before the 2 s cache TTL runs out; the bound leaves half a second more.
        assertEquals(
                401,
                Poll.until(
                        () -> service.statusWithToken("/api/private", token), s -> s == 401, Duration.ofMillis(2500)));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"false", "FALSE", "off", "no"})
    void theCacheCanBeSwitchedOff(String off) {
        service = ServiceUnderTest.trusting(idp)
                .with("auth.token-cache.enabled", off)
                .start();
        assertFalse(service.context().containsBean(VerdictCache.class, Qualifiers.byName("tokens")));
        String token = idp.valid("read:messages");
        assertEquals(200, service.statusWithToken("/api/private", token));
        assertEquals(200, service.statusWithToken("/api/private", token));
        assertEquals(
                401,
                service.statusWithToken(
                        "/api/private", idp.token().claim("exp", 10).sign()));
    }

    @Test
    void aCachedVerdictDoesNotOutliveTheKeysItWasReachedWith() {
        service = ServiceUnderTest.trusting(idp)
                .fastKeyRefresh()
                .with("auth.jwks.stale-period", "3s")
                .start();
        String cached = idp.valid("");
        assertEquals(200, service.statusWithToken("/api/private", cached));
        assertEquals(200, service.statusWithToken("/api/private", cached));

        idp.mode(JwksServer.Mode.FAIL_500);
        // Past the stale period (3 s after the last good fetch) keys can no longer be used unfetched; the
        // bound leaves room to spare. Each probe is a token the cache has never seen (its own jti).
        int uncached = Poll.until(
                () -> service.statusWithToken(
                        "/api/private",
                        idp.token().claim("jti", UUID.randomUUID().toString()).sign()),
                s -> s == 503,
                Duration.ofMillis(6500));

        assertEquals(503, uncached, "an uncached token needs keys that cannot be had");
        assertEquals(
                503, service.statusWithToken("/api/private", cached), "so the cached one must get the same answer");
    }

    @Test
    void aKeyRemovedWhileRefreshesFailedStopsVerifyingCachedTokensOnceTheKeySetIsBack() {
        service = ServiceUnderTest.trusting(idp).fastKeyRefresh().start(); // stale period: the shipped hour
        String cached = idp.valid("");
        assertEquals(200, service.statusWithToken("/api/private", cached));
        int fetchesBefore = idp.jwksFetches();

        idp.mode(JwksServer.Mode.FAIL_500);
        // A scheduled refresh fails; cached keys keep the cached token verifying (the stale period).
        Poll.until(idp::jwksFetches, n -> n > fetchesBefore, Duration.ofSeconds(5));
        assertEquals(200, service.statusWithToken("/api/private", cached));

        idp.publishOnly(TestKeys.rsa("k2"));
        idp.mode(JwksServer.Mode.SERVE);
        // Only the cached token is sent, so nothing but the service's own refreshes can notice that k1 left.
        assertEquals(
                401,
                Poll.until(
                        () -> service.statusWithToken("/api/private", cached), s -> s == 401, Duration.ofSeconds(5)));
    }
}
