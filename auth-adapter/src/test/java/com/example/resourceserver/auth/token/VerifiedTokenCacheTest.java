package com.example.resourceserver.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.domain.caller.Caller;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    static final TrustedIssuer ISSUER =
            new TrustedIssuer("a", "https://a/", "api", new JwksLocation.Fixed(URI.create("https://a/k")));
    static final TrustedIssuer OTHER =
            new TrustedIssuer("b", "https://b/", "api", new JwksLocation.Fixed(URI.create("https://b/k")));
    static final RSAKey KEY_1 = TestKeys.rsa("k1");
    static final RSAKey KEY_2 = TestKeys.rsa("k2");

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-22T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final ManualClock clock = new ManualClock();

    VerifiedToken verified(TrustedIssuer issuer, RSAKey key, Duration lifetime) {
        return new VerifiedToken(
                new Caller("user", Set.of()), issuer, key.toPublicJWK(), clock.now.plus(lifetime), Map.of());
    }

    VerifiedTokenCache<String> cache() {
        return new VerifiedTokenCache<>(100, 1024 * 1024, Duration.ofMinutes(5), clock);
    }

    @Test
    void findsExactlyTheSameTokenString() {
        VerifiedTokenCache<String> cache = cache();
        cache.remember("aaa.bbb.ccc", verified(ISSUER, KEY_1, Duration.ofMinutes(1)), "auth");

        assertEquals("auth", cache.find(new String("aaa.bbb.ccc".toCharArray())).value());
        // A different token with the same claims (other signature, other header) is not a hit.
        assertNull(cache.find("aaa.bbb.ccd"));
        assertNull(cache.find("aab.bbb.ccc"));
    }

    @Test
    void anEntryDiesWithTheTokensExp() {
        VerifiedTokenCache<String> cache = cache();
        cache.remember("t", verified(ISSUER, KEY_1, Duration.ofSeconds(30)), "auth");

        clock.now = clock.now.plusSeconds(29);
        assertNotNull(cache.find("t"));
        clock.now = clock.now.plusSeconds(1);
        assertNull(cache.find("t"), "at exp the token must be judged again by full verification");
    }

    @Test
    void expiredTokensAreNotRemembered() {
        VerifiedTokenCache<String> cache = cache();
        cache.remember("t", verified(ISSUER, KEY_1, Duration.ofSeconds(-5)), "auth");
        assertNull(cache.find("t"));
        assertEquals(0, cache.size());
    }

    @Test
    void noEntryOutlivesTheMaximumTtl() throws InterruptedException {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(100, 1024 * 1024, Duration.ofMillis(200), clock);
        cache.remember("t", verified(ISSUER, KEY_1, Duration.ofHours(1)), "auth");
        assertNotNull(cache.find("t"));
        Thread.sleep(400);
        assertNull(cache.find("t"));
    }

    @Test
    void aRemovedKeyTakesItsTokensAlongButNoOthers() {
        VerifiedTokenCache<String> cache = cache();
        cache.remember("by-k1", verified(ISSUER, KEY_1, Duration.ofMinutes(1)), "1");
        cache.remember("by-k2", verified(ISSUER, KEY_2, Duration.ofMinutes(1)), "2");
        cache.remember("other-issuer-k1", verified(OTHER, KEY_1, Duration.ofMinutes(1)), "3");

        cache.keySetChanged(ISSUER, new JWKSet(KEY_2.toPublicJWK()));

        assertNull(cache.find("by-k1"));
        assertNotNull(cache.find("by-k2"));
        assertNotNull(cache.find("other-issuer-k1"));
    }

    @Test
    void boundedInEntries() {
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(10, 1024 * 1024, Duration.ofMinutes(5), clock);
        for (int i = 0; i < 200; i++) {
            cache.remember("token-" + i, verified(ISSUER, KEY_1, Duration.ofMinutes(1)), "v");
        }
        assertTrue(cache.size() <= 10, "size " + cache.size());
    }

    @Test
    void boundedInMemory() {
        long maxBytes = 64 * 1024;
        VerifiedTokenCache<String> cache = new VerifiedTokenCache<>(10_000, maxBytes, Duration.ofMinutes(5), clock);
        String big = "x".repeat(8 * 1024);
        for (int i = 0; i < 100; i++) {
            cache.remember(big + i, verified(ISSUER, KEY_1, Duration.ofMinutes(1)), "v");
        }
        long perEntry = VerifiedTokenCache.estimateBytes(big + "00");
        assertTrue(cache.size() * perEntry <= maxBytes, cache.size() + " entries of ~" + perEntry + " bytes");
        assertTrue(cache.size() >= 1);
    }

    @Test
    void countsHitsAndMisses() {
        VerifiedTokenCache<String> cache = cache();
        cache.remember("t", verified(ISSUER, KEY_1, Duration.ofMinutes(1)), "v");
        cache.find("t");
        cache.find("u");
        assertEquals(1, cache.stats().hitCount());
        assertEquals(1, cache.stats().missCount());
    }
}
