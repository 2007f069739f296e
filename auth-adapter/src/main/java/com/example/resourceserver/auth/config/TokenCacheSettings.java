package com.example.resourceserver.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** The verified-token cache: {@code auth.token-cache.*}. See docs/performance.md. */
@ConfigurationProperties("auth.token-cache")
public class TokenCacheSettings {
    private boolean enabled = true;
    private int maxEntries = 10_000;
    private long maxBytes = 32L * 1024 * 1024;
    private Duration maxTtl = Duration.ofMinutes(5);

    /** Off: every request verifies its token in full. */
    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** At most this many verified tokens are remembered. */
    public int getMaxEntries() {
        return maxEntries;
    }

    public void setMaxEntries(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    /** At most about this much heap is used for them (estimated per entry). */
    public long getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** No verdict is remembered longer than this, nor past the token's own exp. */
    public Duration getMaxTtl() {
        return maxTtl;
    }

    public void setMaxTtl(Duration maxTtl) {
        this.maxTtl = maxTtl;
    }

    /** The bounds must be positive (checked even when the cache is off, so a later switch-on works). */
    public void validate() {
        if (maxEntries < 1) {
            throw new InvalidAuthConfigurationException("auth.token-cache.max-entries must be at least 1.");
        }
        if (maxBytes < 1) {
            throw new InvalidAuthConfigurationException("auth.token-cache.max-bytes must be at least 1.");
        }
        if (maxTtl == null || maxTtl.isNegative() || maxTtl.isZero()) {
            throw new InvalidAuthConfigurationException(
                    "auth.token-cache.max-ttl must be a positive duration such as 5m.");
        }
    }
}
