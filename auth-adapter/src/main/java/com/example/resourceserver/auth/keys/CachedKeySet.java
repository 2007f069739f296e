package com.example.resourceserver.auth.keys;

import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;

/**
 * The key set Nimbus's cache last took in, kept for lookups that must not block, and the one rule for
 * whether it may still be used without a fetch: fresh (younger than the cache TTL), or, where allowed,
 * stale but within the stale period after the last successful fetch (riding out an outage).
 */
final class CachedKeySet {

    private final long cacheTtlMillis;
    private final long stalePeriodMillis;
    private final KeySetStatus status;
    private final Clock clock;
    private volatile Snapshot snapshot;

    CachedKeySet(Duration cacheTtl, Duration stalePeriod, KeySetStatus status, Clock clock) {
        this.cacheTtlMillis = cacheTtl.toMillis();
        this.stalePeriodMillis = stalePeriod.toMillis();
        this.status = status;
        this.clock = clock;
    }

    void replace(JWKSet keys) {
        snapshot = new Snapshot(keys, clock.millis());
    }

    /** The cached set if it may be used now, else null. */
    JWKSet usable(boolean allowStale) {
        Snapshot current = snapshot;
        if (current == null) {
            return null;
        }
        long now = clock.millis();
        if (now - current.takenAtMillis() < cacheTtlMillis) {
            return current.keys();
        }
        if (!allowStale) {
            return null;
        }
        boolean withinStalePeriod = status.lastSuccess()
                .map(at -> now - at.toEpochMilli() < stalePeriodMillis)
                .orElse(false);
        return withinStalePeriod ? current.keys() : null;
    }

    private record Snapshot(JWKSet keys, long takenAtMillis) {}
}
