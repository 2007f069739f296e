package com.example.resourceserver.auth.keys;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetSourceWrapper;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Bounds how often an issuer's key set is fetched, so a flood of tokens with random {@code kid}s cannot
 * turn the service into a JWKS flooder: at most two fetches per {@code minInterval}, as Nimbus's
 * {@code RateLimitedJWKSetSource} allows.
 *
 * <p>Our own because Nimbus's limiter knows nothing of outages: after the endpoint failed, it keeps
 * refusing the refetch that would end the outage until its interval is over, so tokens signed with a key
 * published on recovery got 503 for up to that interval. Here, while the last attempt failed, the next
 * attempt is due one second (or {@code minInterval}, if shorter) after it, and a caller that arrives earlier waits for that
 * moment (never longer than {@code maxWait}, the fetch timeout) instead of being answered from the
 * outage state. Fetches stay bounded: one per outage retry interval at most.
 */
final class FetchRateLimit extends JWKSetSourceWrapper<SecurityContext> {

    private final long minIntervalNanos;
    private final long outageRetryNanos;
    private final long maxWaitNanos;
    private final KeySetStatus status;
    private final LongSupplier nanoTime;
    private long windowStart = Long.MIN_VALUE;
    private int fetchesInWindow;
    private long lastAttemptStart = Long.MIN_VALUE;

    /** While keys cannot be fetched, the next attempt is due this long after the previous one started, at most. */
    static final Duration MAX_OUTAGE_RETRY_INTERVAL = Duration.ofSeconds(1);

    FetchRateLimit(
            JWKSetSource<SecurityContext> source,
            Duration minInterval,
            Duration maxWait,
            KeySetStatus status,
            LongSupplier nanoTime) {
        super(source);
        this.minIntervalNanos = minInterval.toNanos();
        this.outageRetryNanos = Math.min(minIntervalNanos, MAX_OUTAGE_RETRY_INTERVAL.toNanos());
        this.maxWaitNanos = maxWait.toNanos();
        this.status = status;
        this.nanoTime = nanoTime;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        long waitNanos = admit();
        if (waitNanos > 0) {
            sleep(waitNanos);
        }
        return getSource().getJWKSet(refreshEvaluator, currentTime, context);
    }

    /** Books the next attempt and says how long to wait for it; refuses when none is due soon enough. */
    synchronized long admit() throws RateLimitReachedException {
        long now = nanoTime.getAsLong();
        if (status.lastAttemptFailed() && lastAttemptStart != Long.MIN_VALUE) {
            long wait = Math.max(0, lastAttemptStart + outageRetryNanos - now);
            if (wait > maxWaitNanos) {
                throw new RateLimitReachedException();
            }
            lastAttemptStart = now + wait; // a caller arriving meanwhile waits for the attempt after this one
            fetchesInWindow++;
            return wait;
        }
        if (windowStart == Long.MIN_VALUE || now - windowStart >= minIntervalNanos) {
            windowStart = now;
            fetchesInWindow = 0;
        }
        if (fetchesInWindow >= 2) {
            throw new RateLimitReachedException();
        }
        fetchesInWindow++;
        lastAttemptStart = now;
        return 0;
    }

    private static void sleep(long nanos) throws KeySourceException {
        try {
            Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JWKSetRetrievalException("Interrupted while waiting for the next key set fetch", e);
        }
    }
}
