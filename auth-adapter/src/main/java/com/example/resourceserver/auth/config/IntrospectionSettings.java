package com.example.resourceserver.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * RFC 7662 token introspection, {@code auth.introspection.*} (environment {@code AUTH_INTROSPECTION_*}): the
 * limits and the cache, which apply to every issuer. Each issuer's endpoint and client are
 * {@link IssuerSetting}s ({@code AUTH_INTROSPECTION_URI} is the top-level issuer's). Checked by
 * {@link #validate()}.
 */
@ConfigurationProperties("auth.introspection")
public class IntrospectionSettings {

    private Duration timeout = Duration.ofSeconds(3);
    private int maxResponseBytes = 64 * 1024;
    private int maxTokenLength = 4096;
    private Cache cache = new Cache();

    /** How long a request waits for the endpoint (connect and answer) before it is answered 503. */
    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    /** Larger answers are failures: read no further than this. */
    public int getMaxResponseBytes() {
        return maxResponseBytes;
    }

    public void setMaxResponseBytes(int maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    /** Longer opaque tokens are refused without being sent anywhere. */
    public int getMaxTokenLength() {
        return maxTokenLength;
    }

    public void setMaxTokenLength(int maxTokenLength) {
        this.maxTokenLength = maxTokenLength;
    }

    public Cache getCache() {
        return cache;
    }

    public void setCache(Cache cache) {
        this.cache = cache;
    }

    /** Every limit positive (the inactive TTL may be zero), or one sentence naming the setting. */
    public void validate() {
        requirePositive(timeout, "auth.introspection.timeout");
        requirePositive(cache.getMaxTtl(), "auth.introspection.cache.max-ttl");
        if (cache.getInactiveTtl() == null || cache.getInactiveTtl().isNegative()) {
            throw new InvalidAuthConfigurationException(
                    "auth.introspection.cache.inactive-ttl must be zero or positive.");
        }
        if (maxResponseBytes < 256 || maxTokenLength < 16 || cache.getMaxEntries() < 1 || cache.getMaxBytes() < 1) {
            throw new InvalidAuthConfigurationException("auth.introspection.max-response-bytes must be at least 256, "
                    + "max-token-length at least 16, and the cache's max-entries and max-bytes positive.");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new InvalidAuthConfigurationException(name + " must be a positive duration.");
        }
    }

    /** {@code auth.introspection.cache.*}: answers remembered by the SHA-256 of the token. */
    @ConfigurationProperties("cache")
    public static class Cache {

        private Duration maxTtl = Duration.ofMinutes(5);
        private Duration inactiveTtl = Duration.ofSeconds(10);
        private int maxEntries = 10_000;
        private long maxBytes = 16L * 1024 * 1024;

        /** An active answer is remembered until the token's {@code exp}, at most this long. */
        public Duration getMaxTtl() {
            return maxTtl;
        }

        public void setMaxTtl(Duration maxTtl) {
            this.maxTtl = maxTtl;
        }

        /** An inactive answer is remembered this long (zero: not at all). */
        public Duration getInactiveTtl() {
            return inactiveTtl;
        }

        public void setInactiveTtl(Duration inactiveTtl) {
            this.inactiveTtl = inactiveTtl;
        }

        public int getMaxEntries() {
            return maxEntries;
        }

        public void setMaxEntries(int maxEntries) {
            this.maxEntries = maxEntries;
        }

        public long getMaxBytes() {
            return maxBytes;
        }

        public void setMaxBytes(long maxBytes) {
            this.maxBytes = maxBytes;
        }
    }
}
