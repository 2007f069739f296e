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
 * </pre>
 * The top-level {@code AUTH_ISSUER}, {@code AUTH_AUDIENCE} and {@code AUTH_JWKS_URI} are the entry named
 * {@code default}, so an entry of that name may not be listed as well.
 */
@EachProperty("auth.issuers")
public class NamedIssuerSettings {

    private final String name;
    private String issuer;
    private String audience;
    private String jwksUri;

    public NamedIssuerSettings(@Parameter String name) {
        this.name = name;
    }

    public String getName() { return name; }

    public @Nullable String getIssuer() { return issuer; }
    public void setIssuer(@Nullable String issuer) { this.issuer = issuer; }

    public @Nullable String getAudience() { return audience; }
    public void setAudience(@Nullable String audience) { this.audience = audience; }

    public @Nullable String getJwksUri() { return jwksUri; }
    public void setJwksUri(@Nullable String jwksUri) { this.jwksUri = jwksUri; }

    /** This entry, checked and resolved the same way as the top-level AUTH_* variables. */
    IssuerEntry entry() {
        return new IssuerEntry(name, issuer, audience, jwksUri, new IssuerVariables.Listed(name));
    }
}
