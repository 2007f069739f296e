package com.example.resourceserver.auth.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.issuer.Issuer;
import com.example.resourceserver.auth.issuer.Issuers;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.pipeline.VerdictCache.Verdict;
import com.example.resourceserver.auth.testing.TestConfigurations;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.Caller;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The one verdict cache: what it keeps, how long, and that it never changes a verdict. */
class VerdictCacheTest {

    static final ExecutorService EXECUTOR = Executors.newCachedThreadPool();
    /** Two issuers; nothing is ever fetched for them here. */
    static final Issuers ISSUERS = TestConfigurations.start(
            TestConfigurations.resolve(
                    new AuthSettings(),
                    Map.of(
                            "auth.issuers.a.issuer", "https://a/",
                            "auth.issuers.a.audience", "api",
                            "auth.issuers.a.jwks-uri", "https://a/k",
                            "auth.issuers.b.issuer", "https://b/",
                            "auth.issuers.b.audience", "api",
                            "auth.issuers.b.jwks-uri", "https://b/k")),
            new JwsReader(),
            EXECUTOR);

    static final Issuer ISSUER = ISSUERS.byIss("https://a/");
    static final Issuer OTHER = ISSUERS.byIss("https://b/");
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

    @AfterAll
    static void stop() throws IOException {
        ISSUERS.close();
        EXECUTOR.shutdownNow();
    }

    VerifiedToken verified(Issuer issuer, RSAKey key, Duration lifetime) {
        return new VerifiedToken(
                new Caller("user", Set.of()), issuer, key.toPublicJWK(), clock.now.plus(lifetime), Map.of());
    }

    static Verdict<String> accepted(VerifiedToken token, String principal) {
        return new Verdict.Accepted<>(token, principal, 1024);
    }

    static String principal(Verdict<String> verdict) {
        return ((Verdict.Accepted<String>) verdict).principal();
    }

    VerdictCache<String> cache() {
        return new VerdictCache<>(100, 1024 * 1024, Duration.ofMinutes(5), Duration.ofSeconds(10), clock);
    }

    @Test
    void findsExactlyTheSameTokenString() {
        VerdictCache<String> cache = cache();
        cache.remember("aaa.bbb.ccc", accepted(verified(ISSUER, KEY_1, Duration.ofMinutes(1)), "auth"));

        assertEquals("auth", principal(cache.find(new String("aaa.bbb.ccc".toCharArray()))));
        // A different token with the same claims (other signature, other header) is not a hit.
        assertNull(cache.find("aaa.bbb.ccd"));
        assertNull(cache.find("aab.bbb.ccc"));
    }

    @Test
    void anEntryDiesWithTheTokensExp() {
        VerdictCache<String> cache = cache();
        cache.remember("t", accepted(verified(ISSUER, KEY_1, Duration.ofSeconds(30)), "auth"));

        clock.now = clock.now.plusSeconds(29);
        assertNotNull(cache.find("t"));
        clock.now = clock.now.plusSeconds(1);
        assertNull(cache.find("t"), "at exp the token must be judged again by full verification");
    }

    @Test
    void expiredTokensAreNotRemembered() {
        VerdictCache<String> cache = cache();
        cache.remember("t", accepted(verified(ISSUER, KEY_1, Duration.ofSeconds(-5)), "auth"));
        assertNull(cache.find("t"));
        assertEquals(0, cache.size());
    }

    @Test
    void noEntryOutlivesTheMaximumTtl() throws InterruptedException {
        VerdictCache<String> cache = new VerdictCache<>(100, 1024 * 1024, Duration.ofMillis(200), Duration.ZERO, clock);
        cache.remember("t", accepted(verified(ISSUER, KEY_1, Duration.ofHours(1)), "auth"));
        assertNotNull(cache.find("t"));
        Thread.sleep(400);
        assertNull(cache.find("t"));
    }

    @Test
    void aRemovedKeyTakesItsTokensAlongButNoOthers() {
        VerdictCache<String> cache = cache();
        cache.remember("by-k1", accepted(verified(ISSUER, KEY_1, Duration.ofMinutes(1)), "1"));
        cache.remember("by-k2", accepted(verified(ISSUER, KEY_2, Duration.ofMinutes(1)), "2"));
        cache.remember("other-issuer-k1", accepted(verified(OTHER, KEY_1, Duration.ofMinutes(1)), "3"));

        cache.keySetChanged(ISSUER, new JWKSet(KEY_2.toPublicJWK()));

        assertNull(cache.find("by-k1"));
        assertNotNull(cache.find("by-k2"));
        assertNotNull(cache.find("other-issuer-k1"));
    }

    @Test
    void boundedInEntries() {
        VerdictCache<String> cache = new VerdictCache<>(10, 1024 * 1024, Duration.ofMinutes(5), Duration.ZERO, clock);
        for (int i = 0; i < 200; i++) {
            cache.remember("token-" + i, accepted(verified(ISSUER, KEY_1, Duration.ofMinutes(1)), "v"));
        }
        assertTrue(cache.size() <= 10, "size " + cache.size());
    }

    @Test
    void boundedInMemory() {
        long maxBytes = 64 * 1024;
        VerdictCache<String> cache = new VerdictCache<>(10_000, maxBytes, Duration.ofMinutes(5), Duration.ZERO, clock);
        String big = "x".repeat(8 * 1024);
        for (int i = 0; i < 100; i++) {
            cache.remember(
                    big + i,
                    new Verdict.Accepted<>(
                            verified(ISSUER, KEY_1, Duration.ofMinutes(1)), "v", VerdictCache.estimateBytes(big + i)));
        }
        long perEntry = VerdictCache.estimateBytes(big + "00");
        assertTrue(cache.size() * perEntry <= maxBytes, cache.size() + " entries of ~" + perEntry + " bytes");
        assertTrue(cache.size() >= 1);
    }

    @Test
    void countsHitsAndMisses() {
        VerdictCache<String> cache = cache();
        cache.remember("t", accepted(verified(ISSUER, KEY_1, Duration.ofMinutes(1)), "v"));
        cache.find("t");
        cache.find("u");
        assertEquals(1, cache.stats().hitCount());
        assertEquals(1, cache.stats().missCount());
    }

    @Test
    void aRefusalLivesTheRefusedTtlAndCouldNotAskIsNeverKept() {
        VerdictCache<String> cache = cache();
        Verdict<String> inactive = new Verdict.Refused<>(AuthenticationFailure.of(Reason.INACTIVE));
        Verdict<String> unavailable =
                new Verdict.Refused<>(AuthenticationFailure.introspectionUnavailable(Duration.ofSeconds(3)));
        assertEquals(Duration.ofSeconds(10).toNanos(), cache.lifetimeNanos(inactive));
        assertEquals(0, cache.lifetimeNanos(unavailable));
        cache.remember("unavailable", unavailable);
        assertNull(cache.find("unavailable"));
        VerdictCache<String> jwtCache =
                new VerdictCache<>(100, 1024 * 1024, Duration.ofMinutes(5), Duration.ZERO, clock);
        jwtCache.remember("refused", inactive);
        assertNull(jwtCache.find("refused"), "a refused TTL of zero keeps no refusal");
    }

    @Test
    void anAcceptedTokenLivesUntilItsExpAtMostTheMaxTtlAndWithoutExpTheMaxTtl() {
        VerdictCache<String> cache = cache();
        assertEquals(
                Duration.ofSeconds(60).toNanos(),
                cache.lifetimeNanos(accepted(verified(ISSUER, KEY_1, Duration.ofSeconds(60)), "v")));
        assertEquals(
                Duration.ofMinutes(5).toNanos(),
                cache.lifetimeNanos(accepted(verified(ISSUER, KEY_1, Duration.ofHours(1)), "v")));
        VerifiedToken noExp = new VerifiedToken(new Caller("u", Set.of()), ISSUER, null, Instant.MAX, Map.of());
        assertEquals(Duration.ofMinutes(5).toNanos(), cache.lifetimeNanos(accepted(noExp, "v")));
    }

    @Test
    void oneComputationServesEveryoneWaitingAndAFailureIsDroppedBeforeAnyoneElseSeesIt() throws Exception {
        VerdictCache<String> cache = cache();
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Boolean> hits = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Verdict<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waiting.add(cache.computeOnce(
                    "k",
                    () -> {
                        calls.incrementAndGet();
                        awaitQuietly(release);
                        return accepted(verified(ISSUER, KEY_1, Duration.ofMinutes(1)), "v");
                    },
                    EXECUTOR,
                    hits::add));
        }
        release.countDown();
        for (CompletableFuture<Verdict<String>> each : waiting) {
            assertEquals("v", principal(each.get(5, TimeUnit.SECONDS)));
        }
        assertEquals(1, calls.get());
        assertEquals(9, hits.stream().filter(hit -> hit).count());

        Verdict<String> unavailable =
                new Verdict.Refused<>(AuthenticationFailure.introspectionUnavailable(Duration.ofSeconds(3)));
        cache.computeOnce("down", () -> unavailable, EXECUTOR, hit -> {}).get(5, TimeUnit.SECONDS);
        assertNull(cache.find("down"));
        cache.computeOnce("down", () -> unavailable, EXECUTOR, hit -> {}).get(5, TimeUnit.SECONDS);
        assertNull(cache.find("down"));
        assertEquals(1, cache.size(), "only the accepted verdict of k is kept");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
