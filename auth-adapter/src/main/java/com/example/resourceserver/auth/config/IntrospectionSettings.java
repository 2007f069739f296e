package com.example.resourceserver.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * RFC 7662 token introspection, {@code auth.introspection.*} (environment {@code AUTH_INTROSPECTION_*}).
 * The endpoint and client here belong to the issuer named {@code default} (the top-level
 * {@code AUTH_ISSUER}), or to the only issuer when there is one; other issuers set theirs under
 * {@code auth.issuers.<name>.introspection-*} ({@link IssuerIntrospectionSettings}). The limits and the
 * cache apply to every issuer. Checked by {@link IntrospectionResolver}.
 */
@ConfigurationProperties("auth.introspection")
public class IntrospectionSettings {

    private String uri;
    private String clientId;
    private String clientSecret;
    private boolean introspectJwts;
    private String signedResponses = "none";
    private Duration timeout = Duration.ofSeconds(3);
    private int maxResponseBytes = 64 * 1024;
    private int maxTokenLength = 4096;
    private Cache cache = new Cache();

    /** The introspection endpoint; unset with a client id: {@code introspection_endpoint} from discovery. */
    public @Nullable String getUri() {
        return uri;
    }

    public void setUri(@Nullable String uri) {
        this.uri = uri;
    }

    /** The client this service authenticates as ({@code client_secret_basic}). */
    public @Nullable String getClientId() {
        return clientId;
    }

    public void setClientId(@Nullable String clientId) {
        this.clientId = clientId;
    }

    public @Nullable String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(@Nullable String clientSecret) {
        this.clientSecret = clientSecret;
    }

    /** Whether JWTs of this issuer are introspected too, after local verification (revocation checks). */
    public boolean isIntrospectJwts() {
        return introspectJwts;
    }

    public void setIntrospectJwts(boolean introspectJwts) {
        this.introspectJwts = introspectJwts;
    }

    /**
     * RFC 9701 signed answers: {@code none} (JSON only), {@code accepted} (a signed JWT preferred and verified,
     * plain JSON taken too) or {@code required} (a verified signed JWT only).
     */
    public @Nullable String getSignedResponses() {
        return signedResponses;
    }

    public void setSignedResponses(@Nullable String signedResponses) {
        this.signedResponses = signedResponses;
    }

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
