package com.example.resourceserver.auth.pipeline;

import com.example.resourceserver.auth.issuer.Issuer;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.nimbusds.jose.jwk.JWKSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Remembers what an issuer said of a token, so that the same token again costs a lookup instead of a
 * signature check or an introspection call. The one verdict cache; the service runs two of it, each with its
 * own bounds: verified JWTs keyed by the exact token string, and introspection answers keyed by the token's
 * SHA-256 (so a heap dump of it holds no usable opaque token).
 *
 * <p>It never changes a verdict: an accepted token lives no longer than its {@code exp} nor {@code maxTtl}
 * (expiry is then judged again in full), a refusal lives {@code refusedTtl}, and a "could not ask" answer is
 * never kept; accepted JWTs signed by a key that leaves their issuer's key set are dropped when the new set
 * arrives, so they fail exactly when the uncached path would. Bounded in entries and estimated bytes by one
 * weight (each entry weighs at least {@code maxBytes / maxEntries}). Concurrent lookups of one unknown key
 * share one computation ({@link #computeOnce}). Route decisions are never remembered: scopes are checked per
 * request against the remembered grants (caching route decisions is how CVE-2021-32701 let Ory Oathkeeper
 * serve one route's verdict to another).
 *
 * @param <P> what is remembered alongside an accepted token (the framework's principal, built once)
 */
public final class VerdictCache<P> {

    /** A remembered verdict. */
    public sealed interface Verdict<P> {
        /** @param weight rough heap in bytes, for the byte bound */
        record Accepted<P>(VerifiedToken token, P principal, long weight) implements Verdict<P> {
            public Accepted {
                Objects.requireNonNull(token, "token");
            }
        }

        record Refused<P>(AuthenticationFailure failure) implements Verdict<P> {}
    }

    private final AsyncCache<String, Verdict<P>> cache;
    private final Clock clock;
    private final long maxTtlNanos;
    private final long refusedTtlNanos;

    public VerdictCache(int maxEntries, long maxBytes, Duration maxTtl, Duration refusedTtl, Clock clock) {
        if (maxEntries < 1 || maxBytes < 1 || maxTtl.isNegative() || maxTtl.isZero() || refusedTtl.isNegative()) {
            throw new IllegalArgumentException("verdict cache bounds must be positive");
        }
        this.clock = clock;
        this.maxTtlNanos = maxTtl.toNanos();
        this.refusedTtlNanos = refusedTtl.toNanos();
        long minimumWeight = Math.max(1, maxBytes / maxEntries);
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, Verdict<P> verdict) -> (int) Math.min(
                        Integer.MAX_VALUE,
                        Math.max(minimumWeight, verdict instanceof Verdict.Accepted<P> a ? a.weight() : 64)))
                .expireAfter(new Expiry<String, Verdict<P>>() {
                    @Override
                    public long expireAfterCreate(String key, Verdict<P> verdict, long currentTime) {
                        return lifetimeNanos(verdict);
                    }

                    @Override
                    public long expireAfterUpdate(String key, Verdict<P> verdict, long currentTime, long current) {
                        return lifetimeNanos(verdict);
                    }

                    @Override
                    public long expireAfterRead(String key, Verdict<P> verdict, long currentTime, long current) {
                        return current;
                    }
                })
                // Maintenance (eviction, expiry) on the calling thread, a few entries at a time: handed to the
                // common pool instead, every write woke a thread, which cost more than the work on the
                // distinct-token path (docs/performance.md).
                .executor(Runnable::run)
                .recordStats()
                .buildAsync();
    }

    /** The remembered verdict for exactly this key, or null (also while one is being computed). */
    public Verdict<P> find(String key) {
        CompletableFuture<Verdict<P>> pending = cache.getIfPresent(key);
        if (pending == null || !pending.isDone() || pending.isCompletedExceptionally()) {
            return null;
        }
        Verdict<P> verdict = pending.join();
        // Caffeine expires lazily in its own time base; the token's exp in the service's time decides.
        if (verdict instanceof Verdict.Accepted<P> accepted
                && !clock.instant().isBefore(accepted.token().expiresAt())) {
            cache.synchronous().invalidate(key);
            return null;
        }
        return verdict;
    }

    public void remember(String key, Verdict<P> verdict) {
        if (lifetimeNanos(verdict) > 0) {
            cache.put(key, CompletableFuture.completedFuture(verdict));
        }
    }

    /**
     * The remembered verdict, or the one {@code call} gives, run on {@code executor} once however many requests
     * wait for it; {@code hit} is told whether it was already there or under way. A verdict that says the
     * issuer could not be asked is dropped before anyone else sees it.
     */
    public CompletableFuture<Verdict<P>> computeOnce(
            String key, Supplier<Verdict<P>> call, Executor executor, java.util.function.Consumer<Boolean> hit) {
        boolean[] computed = {false};
        CompletableFuture<Verdict<P>> verdict = cache.get(key, (k, unused) -> {
            computed[0] = true;
            return CompletableFuture.supplyAsync(call, executor);
        });
        hit.accept(!computed[0]);
        return verdict.thenApply(result -> {
            if (lifetimeNanos(result) == 0) {
                cache.asMap().remove(key, verdict);
            }
            return result;
        });
    }

    /** Drops every accepted token of this issuer whose signing key is not in its new key set. */
    public void keySetChanged(Issuer issuer, JWKSet keys) {
        Set<Object> current = new HashSet<>(keys.getKeys());
        cache.synchronous()
                .asMap()
                .values()
                .removeIf(verdict -> verdict instanceof Verdict.Accepted<P> accepted
                        && accepted.token().issuer() == issuer
                        && !current.contains(accepted.token().key()));
    }

    /** Entries held now, pending evictions applied first (not on the request path). */
    public long size() {
        cache.synchronous().cleanUp();
        return cache.synchronous().estimatedSize();
    }

    public CacheStats stats() {
        return cache.synchronous().stats();
    }

    long lifetimeNanos(Verdict<P> verdict) {
        if (verdict instanceof Verdict.Refused<P> refused) {
            return refused.failure().kind() == AuthenticationFailure.Kind.KEYS_UNAVAILABLE ? 0 : refusedTtlNanos;
        }
        Instant expiresAt = ((Verdict.Accepted<P>) verdict).token().expiresAt();
        Duration untilExpiry = Duration.between(clock.instant(), expiresAt);
        if (untilExpiry.isNegative() || untilExpiry.isZero()) {
            return 0;
        }
        return untilExpiry.compareTo(Duration.ofNanos(maxTtlNanos)) >= 0 ? maxTtlNanos : untilExpiry.toNanos();
    }

    /** Rough heap of an entry keyed by this text: the key (compact string) plus claims, caller and node. */
    public static long estimateBytes(String key) {
        return 40L + 3L * key.length() + 1024;
    }
}
