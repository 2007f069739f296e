package com.example.resourceserver.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The fetch budget, on a hand-driven clock: two per interval normally, one per second (waited for) in an outage. */
class FetchRateLimitTest {

    static final Duration INTERVAL = Duration.ofSeconds(30);
    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    final AtomicInteger fetches = new AtomicInteger();
    final KeySetStatus status = new KeySetStatus();
    final JWKSetSource<SecurityContext> source = new JWKSetSource<>() {
        @Override
        public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator evaluator, long now, SecurityContext context) {
            fetches.incrementAndGet();
            return new JWKSet();
        }

        @Override
        public void close() {}
    };
    final FetchRateLimit limit = new FetchRateLimit(source, INTERVAL, MAX_WAIT, status, nanos::get);

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    @Test
    void atMostTwoFetchesPerIntervalWhileHealthy() throws Exception {
        assertEquals(0, limit.admit());
        assertEquals(0, limit.admit());
        assertThrows(RateLimitReachedException.class, limit::admit);
        advance(INTERVAL.minusMillis(1));
        assertThrows(RateLimitReachedException.class, limit::admit);
        advance(Duration.ofMillis(1));
        assertEquals(0, limit.admit());
    }

    @Test
    void inAnOutageTheNextAttemptIsDueOneSecondAfterThePreviousAndCallersWaitForIt() throws Exception {
        assertEquals(0, limit.admit());
        status.recordFailure(Instant.now(), "down");
        advance(Duration.ofMillis(200));
        // Healthy rules would refuse only after two; in an outage the caller waits the rest of the second.
        assertEquals(Duration.ofMillis(800).toNanos(), limit.admit());
        // The next caller waits for the attempt after that one: 1.8 s from now.
        assertEquals(Duration.ofMillis(1800).toNanos(), limit.admit());
    }

    @Test
    void inAnOutageAttemptsNeverComeFasterThanOnePerSecond() throws Exception {
        limit.admit();
        status.recordFailure(Instant.now(), "down");
        long waited = 0;
        for (int i = 0; i < 5; i++) {
            waited += limit.admit();
        }
        assertEquals(Duration.ofSeconds(15).toNanos(), waited, "1+2+3+4+5 seconds of waiting for 5 attempts");
        // A sixth would have to wait 6 s, beyond the fetch timeout: refused rather than queued.
        assertThrows(RateLimitReachedException.class, limit::admit);
    }

    @Test
    void recoveryRestoresTheHealthyBudget() throws Exception {
        limit.admit();
        status.recordFailure(Instant.now(), "down");
        limit.admit();
        status.recordSuccess(Instant.now(), 1);
        assertThrows(RateLimitReachedException.class, limit::admit, "two fetches this interval already");
    }

    @Test
    void delegatesAdmittedFetches() throws Exception {
        limit.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), 0, null);
        assertEquals(1, fetches.get());
    }
}
