package com.example.resourceserver.auth.token.introspection;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Introspection answers by the SHA-256 of the token (the raw token is never a key, so a heap dump of the
 * cache holds no usable token). An active answer lives until the token's {@code exp}, at most the max TTL;
 * a refusal lives the short inactive TTL (so a token that just became active is not refused for long); an
 * unavailable answer is dropped at once. Bounded in entries and bytes by one weight (each entry weighs
 * at least {@code maxBytes / maxEntries}). Concurrent lookups of one unknown token share one call.
 *
 * <p>What is remembered is the issuer's verdict on the token, never a decision about a route: scopes are
 * checked per request against the remembered grants (caching route decisions is how CVE-2021-32701 let
 * Ory Oathkeeper serve one route's verdict to another).
 */
final class IntrospectionCache {

    private final AsyncCache<String, IntrospectionAnswer> cache;

    IntrospectionCache(
            int maxEntries, long maxBytes, Duration maxTtl, Duration inactiveTtl, Clock clock, Executor executor) {
        long minimumWeight = Math.max(1, maxBytes / maxEntries);
        this.cache = Caffeine.newBuilder()
                .executor(executor)
                .ticker(Ticker.systemTicker())
                .maximumWeight(maxBytes)
                .weigher((String key, IntrospectionAnswer answer) ->
                        (int) Math.min(Integer.MAX_VALUE, Math.max(minimumWeight, answer.weight())))
                .expireAfter(new Expiry<String, IntrospectionAnswer>() {
                    @Override
                    public long expireAfterCreate(String key, IntrospectionAnswer answer, long currentTime) {
                        return lifetime(answer, maxTtl, inactiveTtl, clock.instant())
                                .toNanos();
                    }

                    @Override
                    public long expireAfterUpdate(
                            String key, IntrospectionAnswer answer, long currentTime, long currentDuration) {
                        return expireAfterCreate(key, answer, currentTime);
                    }

                    @Override
                    public long expireAfterRead(
                            String key, IntrospectionAnswer answer, long currentTime, long currentDuration) {
                        return currentDuration;
                    }
                })
                .buildAsync();
    }

    static Duration lifetime(IntrospectionAnswer answer, Duration maxTtl, Duration inactiveTtl, Instant now) {
        if (answer instanceof IntrospectionAnswer.Active active) {
            Duration untilExpiry = active.token()
                    .expiresAt()
                    .map(exp -> Duration.between(now, exp))
                    .orElse(maxTtl);
            return untilExpiry.isNegative()
                    ? Duration.ZERO
                    : (untilExpiry.compareTo(maxTtl) < 0 ? untilExpiry : maxTtl);
        }
        return answer instanceof IntrospectionAnswer.Refused ? inactiveTtl : Duration.ZERO;
    }

    /**
     * The remembered answer, or the one {@code call} gives (run on the cache's executor, once however many
     * requests wait for it). {@code hit} is told whether the answer was already there or under way.
     */
    CompletableFuture<IntrospectionAnswer> get(
            String token, Supplier<IntrospectionAnswer> call, java.util.function.Consumer<Boolean> hit) {
        String key = keyOf(token);
        boolean[] computed = {false};
        CompletableFuture<IntrospectionAnswer> answer = cache.get(key, (k, executor) -> {
            computed[0] = true;
            return CompletableFuture.supplyAsync(call, executor);
        });
        hit.accept(!computed[0]);
        return answer.thenApply(result -> {
            if (result instanceof IntrospectionAnswer.Unavailable) {
                cache.asMap().remove(key, answer); // a failure is never remembered, before anyone sees it
            }
            return result;
        });
    }

    long size() {
        return cache.synchronous().estimatedSize();
    }

    static String keyOf(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
