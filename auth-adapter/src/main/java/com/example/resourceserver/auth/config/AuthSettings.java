package com.example.resourceserver.auth.config;

import com.nimbusds.jose.JOSEObjectType;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * Settings under {@code auth.*}; each also comes from the environment variable of the same name in
 * upper case ({@code AUTH_ISSUER}, {@code AUTH_ALGORITHMS}, ...). Values that users type by hand are
 * read as strings and checked here (and by the small parsers this class calls), so a typo stops
 * startup with a sentence naming the variable rather than a conversion stack trace.
 */
@ConfigurationProperties("auth")
public class AuthSettings {

    private String issuer;
    private String audience;
    private String jwksUri;
    private String provider;
    private String allowedClientIds;
    private String scopePrefix;
    private String keycloakClientRoles;
    private String scopeAliases;
    private String algorithms = "RS256";
    private String leeway = "60s";
    private boolean requireAtJwtType;
    private boolean insecureAllowHttp;
    private int maxTokenLength = 16 * 1024;
    private Jwks jwks = new Jwks();
    private TokenCache tokenCache = new TokenCache();

    public @Nullable String getIssuer() { return issuer; }
    public void setIssuer(@Nullable String issuer) { this.issuer = issuer; }

    public @Nullable String getAudience() { return audience; }
    public void setAudience(@Nullable String audience) { this.audience = audience; }

    public @Nullable String getJwksUri() { return jwksUri; }
    public void setJwksUri(@Nullable String jwksUri) { this.jwksUri = jwksUri; }

    /** The identity provider of the AUTH_ISSUER issuer: auth0, okta, entra, cognito, keycloak or generic (default). */
    public @Nullable String getProvider() { return provider; }
    public void setProvider(@Nullable String provider) { this.provider = provider; }

    /** Cognito: comma-separated app client IDs whose access tokens are accepted. */
    public @Nullable String getAllowedClientIds() { return allowedClientIds; }
    public void setAllowedClientIds(@Nullable String allowedClientIds) { this.allowedClientIds = allowedClientIds; }

    /** Cognito: the resource-server identifier taken off custom scopes ({@code messages-api/read:messages}). */
    public @Nullable String getScopePrefix() { return scopePrefix; }
    public void setScopePrefix(@Nullable String scopePrefix) { this.scopePrefix = scopePrefix; }

    /** Keycloak: comma-separated client IDs whose {@code resource_access.<client>.roles} are grants. */
    public @Nullable String getKeycloakClientRoles() { return keycloakClientRoles; }
    public void setKeycloakClientRoles(@Nullable String keycloakClientRoles) { this.keycloakClientRoles = keycloakClientRoles; }

    /** Comma-separated {@code granted=scope} pairs, e.g. {@code messages.read=read:messages}. */
    public @Nullable String getScopeAliases() { return scopeAliases; }
    public void setScopeAliases(@Nullable String scopeAliases) { this.scopeAliases = scopeAliases; }

    /** Comma-separated JWS algorithm allow-list, e.g. {@code RS256,PS256,ES256}. */
    public String getAlgorithms() { return algorithms; }
    public void setAlgorithms(String algorithms) { this.algorithms = algorithms; }

    /** Clock-skew tolerance for exp, nbf and iat, e.g. {@code 60s}. */
    public String getLeeway() { return leeway; }
    public void setLeeway(String leeway) { this.leeway = leeway; }

    /** Accept only {@code typ: at+jwt} tokens (RFC 9068) instead of also JWT and no typ. */
    public boolean isRequireAtJwtType() { return requireAtJwtType; }
    public void setRequireAtJwtType(boolean requireAtJwtType) { this.requireAtJwtType = requireAtJwtType; }

    /** Allow plain-http discovery and JWKS URLs to hosts other than loopback. Insecure by name. */
    public boolean isInsecureAllowHttp() { return insecureAllowHttp; }
    public void setInsecureAllowHttp(boolean insecureAllowHttp) { this.insecureAllowHttp = insecureAllowHttp; }

    /** Longer bearer tokens are rejected before any parsing. */
    public int getMaxTokenLength() { return maxTokenLength; }
    public void setMaxTokenLength(int maxTokenLength) { this.maxTokenLength = maxTokenLength; }

    public Jwks getJwks() { return jwks; }
    public void setJwks(Jwks jwks) { this.jwks = jwks; }

    public TokenCache getTokenCache() { return tokenCache; }
    public void setTokenCache(TokenCache tokenCache) { this.tokenCache = tokenCache; }

    /** The rules every token must meet, read from these settings, or one sentence naming the bad one. */
    public VerificationPolicy verificationPolicy() {
        if (maxTokenLength < 256) {
            throw new InvalidAuthConfigurationException("auth.max-token-length must be at least 256 characters.");
        }
        Set<JOSEObjectType> types = requireAtJwtType
                ? VerificationPolicy.ACCESS_TOKEN_TYPES : VerificationPolicy.DEFAULT_TYPES;
        return new VerificationPolicy(AlgorithmAllowList.parse(algorithms), Leeway.parse(leeway), types,
                requireAtJwtType, maxTokenLength);
    }

    /** {@code AUTH_ISSUER}, {@code AUTH_AUDIENCE}, {@code AUTH_JWKS_URI} and the provider settings as the entry named default. */
    Optional<IssuerEntry> defaultIssuer() {
        IssuerEntry entry = new IssuerEntry(IssuerEntry.DEFAULT_NAME, issuer, audience, jwksUri,
                new ProviderEntry(provider, allowedClientIds, scopePrefix, keycloakClientRoles, scopeAliases),
                new IssuerVariables.TopLevel());
        return entry.isUnset() ? Optional.empty() : Optional.of(entry);
    }

    /** The verified-token cache: {@code auth.token-cache.*}. See docs/performance.md. */
    @ConfigurationProperties("token-cache")
    public static class TokenCache {
        private boolean enabled = true;
        private int maxEntries = 10_000;
        private long maxBytes = 32L * 1024 * 1024;
        private Duration maxTtl = Duration.ofMinutes(5);

        /** Off: every request verifies its token in full. */
        public boolean isEnabled() { return enabled; }
        public void setEnabled(boolean enabled) { this.enabled = enabled; }

        /** At most this many verified tokens are remembered. */
        public int getMaxEntries() { return maxEntries; }
        public void setMaxEntries(int maxEntries) { this.maxEntries = maxEntries; }

        /** At most about this much heap is used for them (estimated per entry). */
        public long getMaxBytes() { return maxBytes; }
        public void setMaxBytes(long maxBytes) { this.maxBytes = maxBytes; }

        /** No verdict is remembered longer than this, nor past the token's own exp. */
        public Duration getMaxTtl() { return maxTtl; }
        public void setMaxTtl(Duration maxTtl) { this.maxTtl = maxTtl; }

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

    /** How keys are fetched and kept: {@code auth.jwks.*}. See docs/keys.md. */
    @ConfigurationProperties("jwks")
    public static class Jwks {
        private Duration cacheTtl = Duration.ofMinutes(5);
        private Duration refreshAhead = Duration.ofSeconds(30);
        private Duration minRefreshInterval = Duration.ofSeconds(30);
        private Duration fetchTimeout = Duration.ofSeconds(5);
        private Duration stalePeriod = Duration.ofHours(1);
        private int sizeLimitBytes = 512 * 1024;

        /** How long a fetched key set is used before it is fetched again. */
        public Duration getCacheTtl() { return cacheTtl; }
        public void setCacheTtl(Duration cacheTtl) { this.cacheTtl = cacheTtl; }

        /** How long before the TTL ends a background refresh starts. */
        public Duration getRefreshAhead() { return refreshAhead; }
        public void setRefreshAhead(Duration refreshAhead) { this.refreshAhead = refreshAhead; }

        /** At most two fetches per interval, however many unknown kids arrive. */
        public Duration getMinRefreshInterval() { return minRefreshInterval; }
        public void setMinRefreshInterval(Duration minRefreshInterval) { this.minRefreshInterval = minRefreshInterval; }

        /** Bound on one fetch (connect and read each) and on how long a request waits for keys. */
        public Duration getFetchTimeout() { return fetchTimeout; }
        public void setFetchTimeout(Duration fetchTimeout) { this.fetchTimeout = fetchTimeout; }

        /** While the JWKS endpoint fails, keys fetched earlier stay usable for this long. */
        public Duration getStalePeriod() { return stalePeriod; }
        public void setStalePeriod(Duration stalePeriod) { this.stalePeriod = stalePeriod; }

        /** Larger discovery documents and key sets are refused. */
        public int getSizeLimitBytes() { return sizeLimitBytes; }
        public void setSizeLimitBytes(int sizeLimitBytes) { this.sizeLimitBytes = sizeLimitBytes; }

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
                throw new InvalidAuthConfigurationException("auth.jwks.refresh-ahead plus auth.jwks.fetch-timeout "
                        + "must not exceed auth.jwks.cache-ttl.");
            }
            if (minRefreshInterval.compareTo(cacheTtl) >= 0) {
                throw new InvalidAuthConfigurationException("auth.jwks.min-refresh-interval must be shorter than "
                        + "auth.jwks.cache-ttl.");
            }
            if (sizeLimitBytes < 1024) {
                throw new InvalidAuthConfigurationException("auth.jwks.size-limit-bytes must be at least 1024.");
            }
        }
    }
}
