package com.example.resourceserver.auth.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * One more trusted issuer, from {@code auth.issuers.<name>.*} in application.yml:
 * <pre>
 * auth:
 *   issuers:
 *     partner:
 *       issuer: https://login.partner.example/
 *       audience: https://api.example.com/
 *       jwks-uri: https://login.partner.example/keys   # optional; else discovery
 *       provider: okta                                 # optional; default generic
 * </pre>
 * Provider settings mirror the top-level ones: {@code provider}, {@code allowed-client-ids},
 * {@code scope-prefix}, {@code keycloak-client-roles}, {@code scope-aliases}.
 * The top-level {@code AUTH_ISSUER}, {@code AUTH_AUDIENCE} and {@code AUTH_JWKS_URI} are the entry named
 * {@code default}, so an entry of that name may not be listed as well.
 */
@EachProperty("auth.issuers")
public class NamedIssuerSettings {

    private final String name;
    private String issuer;
    private String audience;
    private String jwksUri;
    private String provider;
    private String allowedClientIds;
    private String scopePrefix;
    private String keycloakClientRoles;
    private String scopeAliases;

    public NamedIssuerSettings(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

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

    public @Nullable String getProvider() {
        return provider;
    }

    public void setProvider(@Nullable String provider) {
        this.provider = provider;
    }

    public @Nullable String getAllowedClientIds() {
        return allowedClientIds;
    }

    public void setAllowedClientIds(@Nullable String allowedClientIds) {
        this.allowedClientIds = allowedClientIds;
    }

    public @Nullable String getScopePrefix() {
        return scopePrefix;
    }

    public void setScopePrefix(@Nullable String scopePrefix) {
        this.scopePrefix = scopePrefix;
    }

    public @Nullable String getKeycloakClientRoles() {
        return keycloakClientRoles;
    }

    public void setKeycloakClientRoles(@Nullable String keycloakClientRoles) {
        this.keycloakClientRoles = keycloakClientRoles;
    }

    public @Nullable String getScopeAliases() {
        return scopeAliases;
    }

    public void setScopeAliases(@Nullable String scopeAliases) {
        this.scopeAliases = scopeAliases;
    }

    /** This entry, checked and resolved the same way as the top-level AUTH_* variables. */
    IssuerEntry entry() {
        return new IssuerEntry(
                name,
                issuer,
                audience,
                jwksUri,
                new ProviderEntry(provider, allowedClientIds, scopePrefix, keycloakClientRoles, scopeAliases),
                new IssuerVariables.Listed(name));
    }
}
