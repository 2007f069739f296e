package com.example.resourceserver.auth.config;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.Set;

/**
 * DPoP (RFC 9449) settings under {@code auth.dpop.*} shared by every issuer (each issuer's mode is an
 * {@link IssuerSetting}). Micronaut maps {@code AUTH_DPOP_PROOF_MAX_AGE} and the like to these by itself;
 * {@code REDIS_URI} is mapped to {@code redis-uri} in application.yml, since {@code redis.uri} is another
 * module's. Values are read as strings and checked by {@link #validate()}, which stops startup with one
 * sentence naming the variable.
 */
@ConfigurationProperties("auth.dpop")
public class DpopSettings {

    /** Where used proofs are remembered. */
    public enum ReplayStore {
        MEMORY,
        REDIS
    }

    private static final Duration MAX_REDIS_TIMEOUT = Duration.ofSeconds(5);

    private String proofMaxAge = "60s";
    private String algorithms = "ES256,PS256,RS256";
    private String replayStore = "memory";
    private String redisUri;
    private String redisTimeout = "500ms";
    private int replayCacheMaxEntries = 100_000;

    /** How old a proof's {@code iat} may be, besides the leeway, e.g. {@code 60s}. */
    public String getProofMaxAge() {
        return proofMaxAge;
    }

    public void setProofMaxAge(String proofMaxAge) {
        this.proofMaxAge = proofMaxAge;
    }

    /** Comma-separated asymmetric algorithms a proof may be signed with; EdDSA (Ed25519) may be added. */
    public String getAlgorithms() {
        return algorithms;
    }

    public void setAlgorithms(String algorithms) {
        this.algorithms = algorithms;
    }

    /** {@code memory} (one instance) or {@code redis} (shared by every replica). */
    public String getReplayStore() {
        return replayStore;
    }

    public void setReplayStore(String replayStore) {
        this.replayStore = replayStore;
    }

    /** {@code redis://host:port} or {@code rediss://...}; required with the redis replay store. */
    public @Nullable String getRedisUri() {
        return redisUri;
    }

    public void setRedisUri(@Nullable String redisUri) {
        this.redisUri = redisUri;
    }

    /** The bound on connecting to Redis and on each command; past it a DPoP request gets a 503. */
    public String getRedisTimeout() {
        return redisTimeout;
    }

    public void setRedisTimeout(String redisTimeout) {
        this.redisTimeout = redisTimeout;
    }

    /** The in-process replay store holds at most this many proofs; when full, DPoP requests get a 503. */
    public int getReplayCacheMaxEntries() {
        return replayCacheMaxEntries;
    }

    public void setReplayCacheMaxEntries(int replayCacheMaxEntries) {
        this.replayCacheMaxEntries = replayCacheMaxEntries;
    }

    /** Checks every setting at once, so that startup stops on the first wrong one. */
    public void validate() {
        proofMaxAge();
        algorithmSet();
        if (replayStoreKind() == ReplayStore.REDIS) {
            redisUriChecked();
        }
        redisTimeoutDuration();
        if (replayCacheMaxEntries < 1) {
            throw new InvalidAuthConfigurationException("AUTH_DPOP_REPLAY_CACHE_MAX_ENTRIES must be at least 1.");
        }
    }

    public Duration proofMaxAge() {
        Duration maxAge = durationOrNull(proofMaxAge);
        if (maxAge == null || maxAge.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidAuthConfigurationException(
                    "AUTH_DPOP_PROOF_MAX_AGE must be a duration from 1s to 5m, such as 60s.");
        }
        return maxAge;
    }

    /** The allowed algorithms in the order given (the order the challenge's {@code algs} lists them). */
    public Set<JWSAlgorithm> algorithmSet() {
        return DpopValues.algorithms(algorithms);
    }

    public ReplayStore replayStoreKind() {
        for (ReplayStore kind : ReplayStore.values()) {
            if (kind.name().equalsIgnoreCase(trimmed(replayStore))) {
                return kind;
            }
        }
        throw new InvalidAuthConfigurationException("AUTH_DPOP_REPLAY_STORE must be memory or redis.");
    }

    /** The Redis URI, checked for form; its text never appears in a message, since it may hold a password. */
    public String redisUriChecked() {
        return DpopValues.redisUri(redisUri);
    }

    public Duration redisTimeoutDuration() {
        Duration timeout = durationOrNull(redisTimeout);
        if (timeout == null || timeout.isZero() || timeout.compareTo(MAX_REDIS_TIMEOUT) > 0) {
            throw new InvalidAuthConfigurationException(
                    "AUTH_DPOP_REDIS_TIMEOUT must be a duration from 1ms to 5s, such as 500ms.");
        }
        return timeout;
    }

    /** Read as AUTH_LEEWAY is (60, 60s, 500ms, 2m, PT1M), up to 5 minutes; null when it cannot be read. */
    private static Duration durationOrNull(String value) {
        try {
            return Leeway.parse(value);
        } catch (InvalidAuthConfigurationException e) {
            return null;
        }
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
