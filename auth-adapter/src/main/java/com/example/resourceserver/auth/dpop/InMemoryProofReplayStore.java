package com.example.resourceserver.auth.dpop;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy.VarExpiration;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The replay store of one instance: every entry lives only as long as its proof could be accepted, and at
 * most {@code maxEntries} live at once.
 *
 * <p>Full means {@link Use#UNKNOWN}, not eviction: evicting a live entry would let that proof be replayed, and
 * "never accepted unchecked" holds here as it does for Redis. Entries are only ever recorded for proofs that
 * passed every other check (a valid signature over a bound, valid access token), so filling the store takes
 * that many genuine requests within one acceptance window.
 */
public final class InMemoryProofReplayStore implements ProofReplayStore {

    private final Cache<String, Boolean> used;
    private final VarExpiration<String, Boolean> expiration;
    private final long maxEntries;

    public InMemoryProofReplayStore(long maxEntries) {
        this(maxEntries, Ticker.systemTicker());
    }

    /** With the time source the entries expire by (tests pass a fake one). */
    public InMemoryProofReplayStore(long maxEntries, Ticker ticker) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
        // No maximumSize: Caffeine would evict live entries to make room (see the class comment). Every
        // entry gets its own lifetime, given when it is recorded.
        this.used = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfter(Expiry.<String, Boolean>writing((key, value) -> Duration.ZERO))
                .build();
        this.expiration = used.policy().expireVariably().orElseThrow();
    }

    @Override
    public CompletionStage<Use> recordIfAbsent(ProofReplayKey key, Duration ttl) {
        return CompletableFuture.completedFuture(record(key.value(), ttl));
    }

    private Use record(String key, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        if (used.getIfPresent(key) != null) {
            return Use.REPEATED; // known even when the store is full
        }
        if (used.estimatedSize() >= maxEntries) {
            used.cleanUp(); // drop expired entries before concluding that the store is full
            if (used.getIfPresent(key) != null) {
                return Use.REPEATED; // known even when the store is full
            }
            if (used.estimatedSize() >= maxEntries) {
                return Use.UNKNOWN;
            }
        }
        return expiration.putIfAbsent(key, Boolean.TRUE, ttl) == null ? Use.FIRST : Use.REPEATED;
    }

    /** How many entries are alive, about (for metrics and tests). */
    public long size() {
        used.cleanUp();
        return used.estimatedSize();
    }
}
