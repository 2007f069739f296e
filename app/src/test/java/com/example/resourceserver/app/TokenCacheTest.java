package com.example.resourceserver.app;

import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.example.resourceserver.auth.token.VerifiedTokenCache;
import com.nimbusds.jose.jwk.RSAKey;
import io.micronaut.core.type.Argument;
import io.micronaut.security.authentication.Authentication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The verified-token cache changes cost, never a verdict. */
class TokenCacheTest {

    JwksServer jwks;
    RSAKey key;
    TokenMint mint;
    ServiceUnderTest service;

    @BeforeEach
    void start() {
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

    VerifiedTokenCache<Authentication> cache() {
        return service.context().getBean(Argument.of(VerifiedTokenCache.class, Authentication.class));
    }

    int status(String token) {
        return service.getWithToken("/api/private", token).statusCode();
    }

    @Test
    void aRepeatedTokenIsAHit() {
        service = ServiceUnderTest.start(ServiceUnderTest.trusting(jwks));
        String token = mint.valid("");
        assertEquals(200, status(token));
        assertEquals(200, status(token));
        assertEquals(1, cache().stats().hitCount());
    }

    @Test
    void aCachedTokenStillExpiresOnTime() throws InterruptedException {
        Map<String, Object> properties = ServiceUnderTest.trusting(jwks);
        properties.put("auth.leeway", "0s");
        service = ServiceUnderTest.start(properties);
        String token = mint.token().claim("exp", Instant.now().getEpochSecond() + 2).sign();
        assertEquals(200, status(token));
        assertEquals(200, status(token));

        Thread.sleep(3000);

        assertEquals(401, status(token));
    }

    @Test
    void aCachedTokenWhoseKeyWasRemovedIsRejectedAfterTheNextRefresh() throws InterruptedException {
        service = ServiceUnderTest.start(ServiceUnderTest.trustingWithFastKeyRefresh(jwks));
        String token = mint.valid("");
        assertEquals(200, status(token));
        assertEquals(200, status(token));
        assertEquals(1, cache().size());

        jwks.publish(TestKeys.rsa("k2"));
        Thread.sleep(2500);

        assertEquals(401, status(token));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"false", "FALSE", "off", "no"})
    void theCacheCanBeSwitchedOff(String off) {
        Map<String, Object> properties = ServiceUnderTest.trusting(jwks);
        properties.put("auth.token-cache.enabled", off);
        service = ServiceUnderTest.start(properties);
        assertFalse(service.context().containsBean(VerifiedTokenCache.class));
        String token = mint.valid("read:messages");
        assertEquals(200, status(token));
        assertEquals(200, status(token));
        assertEquals(401, status(mint.token().claim("exp", 10).sign()));
    }

    @Test
    void aCachedVerdictDoesNotOutliveTheKeysItWasReachedWith() throws InterruptedException {
        Map<String, Object> properties = ServiceUnderTest.trustingWithFastKeyRefresh(jwks);
        properties.put("auth.jwks.stale-period", "3s");
        service = ServiceUnderTest.start(properties);
        String cached = mint.valid("");
        assertEquals(200, status(cached));
        assertEquals(200, status(cached));

        jwks.mode(JwksServer.Mode.FAIL_500);
        Thread.sleep(6500); // past the stale period and the cache TTL: keys can no longer be used unfetched

        assertEquals(503, status(mint.valid("")), "an uncached token needs keys that cannot be had");
        assertEquals(503, status(cached), "so the cached one must get the same answer");
    }
}
