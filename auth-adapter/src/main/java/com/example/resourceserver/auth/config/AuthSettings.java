package com.example.resourceserver.auth.config;

import com.nimbusds.jose.JOSEObjectType;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
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
    private JwksSettings jwks = new JwksSettings();
    private TokenCacheSettings tokenCache = new TokenCacheSettings();

    public @Nullable String getIssuer() {
        return issuer;
    }

    public void setIssuer(@Nullable String issuer) {
        this.issuer = issuer;
    }

    public @Nullable String getAudience() {
        return audience;
    }

    public void setAudience(@Nullable String audience) {
        this.audience = audience;
    }

    public @Nullable String getJwksUri() {
        return jwksUri;
    }

    public void setJwksUri(@Nullable String jwksUri) {
        this.jwksUri = jwksUri;
    }

    /** The identity provider of the AUTH_ISSUER issuer: auth0, okta, entra, cognito, keycloak or generic (default). */
    public @Nullable String getProvider() {
        return provider;
    }

    public void setProvider(@Nullable String provider) {
        this.provider = provider;
    }

    /** Cognito: comma-separated app client IDs whose access tokens are accepted. */
    public @Nullable String getAllowedClientIds() {
        return allowedClientIds;
    }

    public void setAllowedClientIds(@Nullable String allowedClientIds) {
        this.allowedClientIds = allowedClientIds;
    }

    /** Cognito: the resource-server identifier taken off custom scopes ({@code messages-api/read:messages}). */
    public @Nullable String getScopePrefix() {
        return scopePrefix;
    }

    public void setScopePrefix(@Nullable String scopePrefix) {
        this.scopePrefix = scopePrefix;
    }

    /** Keycloak: comma-separated client IDs whose {@code resource_access.<client>.roles} are grants. */
    public @Nullable String getKeycloakClientRoles() {
        return keycloakClientRoles;
    }

    public void setKeycloakClientRoles(@Nullable String keycloakClientRoles) {
        this.keycloakClientRoles = keycloakClientRoles;
    }

    /** Comma-separated {@code granted=scope} pairs, e.g. {@code messages.read=read:messages}. */
    public @Nullable String getScopeAliases() {
        return scopeAliases;
    }

    public void setScopeAliases(@Nullable String scopeAliases) {
        this.scopeAliases = scopeAliases;
    }

    /** Comma-separated JWS algorithm allow-list, e.g. {@code RS256,PS256,ES256}. */
    public String getAlgorithms() {
        return algorithms;
    }

    public void setAlgorithms(String algorithms) {
        this.algorithms = algorithms;
    }

    /** Clock-skew tolerance for exp, nbf and iat, e.g. {@code 60s}. */
    public String getLeeway() {
        return leeway;
    }

    public void setLeeway(String leeway) {
        this.leeway = leeway;
    }

    /** Accept only {@code typ: at+jwt} tokens (RFC 9068) instead of also JWT and no typ. */
    public boolean isRequireAtJwtType() {
        return requireAtJwtType;
    }

    public void setRequireAtJwtType(boolean requireAtJwtType) {
        this.requireAtJwtType = requireAtJwtType;
    }

    /** Allow plain-http discovery and JWKS URLs to hosts other than loopback. Insecure by name. */
    public boolean isInsecureAllowHttp() {
        return insecureAllowHttp;
    }

    public void setInsecureAllowHttp(boolean insecureAllowHttp) {
        this.insecureAllowHttp = insecureAllowHttp;
    }

    /** Longer bearer tokens are rejected before any parsing. */
    public int getMaxTokenLength() {
        return maxTokenLength;
    }

    public void setMaxTokenLength(int maxTokenLength) {
        this.maxTokenLength = maxTokenLength;
    }

    /** {@code auth.jwks.*}, bound on its own and handed in here so that one object carries all auth settings. */
    public JwksSettings getJwks() {
        return jwks;
    }

    @Inject
    public void setJwks(JwksSettings jwks) {
        this.jwks = jwks;
    }

    /** {@code auth.token-cache.*}, likewise. */
    public TokenCacheSettings getTokenCache() {
        return tokenCache;
    }

    @Inject
    public void setTokenCache(TokenCacheSettings tokenCache) {
        this.tokenCache = tokenCache;
    }

    /** The rules every token must meet, read from these settings, or one sentence naming the bad one. */
    public VerificationPolicy verificationPolicy() {
        if (maxTokenLength < 256) {
            throw new InvalidAuthConfigurationException("auth.max-token-length must be at least 256 characters.");
        }
        Set<JOSEObjectType> types =
                requireAtJwtType ? VerificationPolicy.ACCESS_TOKEN_TYPES : VerificationPolicy.DEFAULT_TYPES;
        return new VerificationPolicy(
                AlgorithmAllowList.parse(algorithms), Leeway.parse(leeway), types, requireAtJwtType, maxTokenLength);
    }

    /** {@code AUTH_ISSUER}, {@code AUTH_AUDIENCE}, {@code AUTH_JWKS_URI} and the provider settings as the entry named default. */
    Optional<IssuerEntry> defaultIssuer() {
        IssuerEntry entry = new IssuerEntry(
                IssuerEntry.DEFAULT_NAME,
                issuer,
                audience,
                jwksUri,
                new ProviderEntry(provider, allowedClientIds, scopePrefix, keycloakClientRoles, scopeAliases),
                new IssuerVariables.TopLevel());
        return entry.isUnset() ? Optional.empty() : Optional.of(entry);
    }
}
