package com.example.resourceserver.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.Arrays;

/** How keys are fetched and kept: {@code auth.jwks.*}. See docs/keys.md. */
@ConfigurationProperties("auth.jwks")
public class JwksSettings {
    private Duration cacheTtl = Duration.ofMinutes(5);
    private Duration refreshAhead = Duration.ofSeconds(30);
    private Duration minRefreshInterval = Duration.ofSeconds(30);
    private Duration fetchTimeout = Duration.ofSeconds(5);
    private Duration stalePeriod = Duration.ofHours(1);
    private int sizeLimitBytes = 512 * 1024;

    /** How long a fetched key set is used before it is fetched again. */
    public Duration getCacheTtl() {
        return cacheTtl;
    }

    public void setCacheTtl(Duration cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    /** How long before the TTL ends a background refresh starts. */
    public Duration getRefreshAhead() {
        return refreshAhead;
    }

    public void setRefreshAhead(Duration refreshAhead) {
        this.refreshAhead = refreshAhead;
    }

    /** At most two fetches per interval, however many unknown kids arrive. */
    public Duration getMinRefreshInterval() {
        return minRefreshInterval;
    }

    public void setMinRefreshInterval(Duration minRefreshInterval) {
        this.minRefreshInterval = minRefreshInterval;
    }

    /** Bound on one fetch (connect and read each) and on how long a request waits for keys. */
    public Duration getFetchTimeout() {
        return fetchTimeout;
    }

    public void setFetchTimeout(Duration fetchTimeout) {
        this.fetchTimeout = fetchTimeout;
    }

    /** While the JWKS endpoint fails, keys fetched earlier stay usable for this long. */
    public Duration getStalePeriod() {
        return stalePeriod;
    }

    public void setStalePeriod(Duration stalePeriod) {
        this.stalePeriod = stalePeriod;
    }

    /** Larger discovery documents and key sets are refused. */
    public int getSizeLimitBytes() {
        return sizeLimitBytes;
    }

    public void setSizeLimitBytes(int sizeLimitBytes) {
        this.sizeLimitBytes = sizeLimitBytes;
    }

    /** The durations must fit together (Nimbus refuses other combinations when the key source is built). */
    public void validate() {
        // Arrays.asList, not List.of: a setting cleared to null must get the sentence, not a NullPointerException.
        for (Duration d : Arrays.asList(cacheTtl, refreshAhead, minRefreshInterval, fetchTimeout, stalePeriod)) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new InvalidAuthConfigurationException("Every auth.jwks duration must be positive.");
            }
        }
        if (fetchTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new InvalidAuthConfigurationException("auth.jwks.fetch-timeout is too long.");
        }
        if (refreshAhead.plus(fetchTimeout).compareTo(cacheTtl) > 0) {
            throw new InvalidAuthConfigurationException(
                    "auth.jwks.refresh-ahead plus auth.jwks.fetch-timeout " + "must not exceed auth.jwks.cache-ttl.");
        }
        if (minRefreshInterval.compareTo(cacheTtl) >= 0) {
            throw new InvalidAuthConfigurationException(
                    "auth.jwks.min-refresh-interval must be shorter than " + "auth.jwks.cache-ttl.");
        }
        if (sizeLimitBytes < 1024) {
            throw new InvalidAuthConfigurationException("auth.jwks.size-limit-bytes must be at least 1024.");
        }
    }
}
