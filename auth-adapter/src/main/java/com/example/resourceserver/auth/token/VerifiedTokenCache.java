package com.example.resourceserver.auth.token;

import com.example.resourceserver.auth.config.TrustedIssuer;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Remembers tokens that passed verification, keyed by the exact token string, so that a client
 * presenting the same token again costs a map lookup instead of a signature check.
 *
 * <p>It never changes a verdict: only verified tokens are kept; an entry lives no longer than the
 * token's own {@code exp} (nor than {@code maxTtl}), so expiry is re-judged by full verification; and
 * entries signed by a key that leaves its issuer's key set are dropped when the new set arrives, so
 * they fail exactly when the uncached path would. Bounded both in entries and in estimated heap.
 *
 * @param <V> what is remembered alongside the token (e.g. the framework's authentication object)
 */
public final class VerifiedTokenCache<V> {

    /** Rough heap per entry besides the token text: claims map, caller, scopes, cache node. */
    static final int ENTRY_OVERHEAD_BYTES = 1024;

    /** A remembered verdict. */
    public record Entry<V>(VerifiedToken token, V value) {
        public Entry {
            Objects.requireNonNull(token, "token");
        }
    }

    private final Cache<String, Entry<V>> cache;
    private final Clock clock;
    private final long maxTtlNanos;

    public VerifiedTokenCache(int maxEntries, long maxBytes, Duration maxTtl, Clock clock) {
        if (maxEntries < 1 || maxBytes < 1 || maxTtl.isNegative() || maxTtl.isZero()) {
            throw new IllegalArgumentException("token cache bounds must be positive");
        }
        this.clock = clock;
        this.maxTtlNanos = maxTtl.toNanos();
        // One weight bounds both: each entry weighs at least maxBytes / maxEntries, so neither the
        // entry count nor the estimated bytes can exceed their limits.
        long minimumWeight = Math.max(1, maxBytes / maxEntries);
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String token, Entry<V> entry) ->
                        (int) Math.min(Integer.MAX_VALUE, Math.max(minimumWeight, estimateBytes(token))))
                .expireAfter(new Expiry<String, Entry<V>>() {
                    @Override
                    public long expireAfterCreate(String token, Entry<V> entry, long currentTime) {
                        return lifetimeNanos(entry.token());
                    }

                    @Override
                    public long expireAfterUpdate(
                            String token, Entry<V> entry, long currentTime, long currentDuration) {
                        return lifetimeNanos(entry.token());
                    }

                    @Override
                    public long expireAfterRead(String token, Entry<V> entry, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .ticker(Ticker.systemTicker())
                // Maintenance (eviction, expiry) on the calling thread, a few entries at a time: handed to
                // the common pool instead, every cache write woke a thread, which cost more than the work
                // on the distinct-token path (docs/performance.md).
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    /** The remembered verdict for exactly this token, or null. */
    public Entry<V> find(String token) {
        Entry<V> entry = cache.getIfPresent(token);
        // Caffeine expires lazily in its own time base; the token's exp in wall-clock time decides.
        if (entry != null && !clock.instant().isBefore(entry.token().expiresAt())) {
            cache.invalidate(token);
            return null;
        }
        return entry;
    }

    public void remember(String token, VerifiedToken verified, V value) {
        if (lifetimeNanos(verified) > 0) {
            cache.put(token, new Entry<>(verified, value));
        }
    }

    /** Drops every entry of this issuer whose signing key is not in its new key set. */
    public void keySetChanged(TrustedIssuer issuer, JWKSet keys) {
        Set<Object> current = new HashSet<>(keys.getKeys());
        cache.asMap()
                .values()
                .removeIf(entry -> entry.token().issuer().equals(issuer)
                        && !current.contains(entry.token().key()));
    }

    /**
     * Entries held now. Pending evictions run first (Caffeine applies them lazily), so a scrape or a check
     * never reports more entries than the bounds allow; this is not on the request path.
     */
    public long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    public CacheStats stats() {
        return cache.stats();
    }

    private long lifetimeNanos(VerifiedToken token) {
        Duration untilExpiry = Duration.between(clock.instant(), token.expiresAt());
        if (untilExpiry.isNegative() || untilExpiry.isZero()) {
            return 0;
        }
        return untilExpiry.compareTo(Duration.ofNanos(maxTtlNanos)) >= 0 ? maxTtlNanos : untilExpiry.toNanos();
    }

    /** Compact strings hold the ASCII token in one byte per character. */
    static long estimateBytes(String token) {
        return 40L + token.length() + 2L * token.length() + ENTRY_OVERHEAD_BYTES;
    }
}
