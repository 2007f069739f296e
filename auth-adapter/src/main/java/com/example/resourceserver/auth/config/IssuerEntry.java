package com.example.resourceserver.auth.config;

import java.util.Objects;

/**
 * One issuer as configured, before it is checked: the top-level {@code AUTH_ISSUER},
 * {@code AUTH_AUDIENCE} and {@code AUTH_JWKS_URI} (the entry named {@value #DEFAULT_NAME}) or one
 * {@code auth.issuers.<name>}. Both become a {@link TrustedIssuer} the same way; only the variable
 * names in the sentences differ, and those come with the entry. Blank values count as unset.
 */
record IssuerEntry(String name, String issuer, String audience, String jwksUri, IssuerVariables variables) {

    /** The name of the entry made of the top-level {@code AUTH_*} variables. */
    static final String DEFAULT_NAME = "default";

    IssuerEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(variables, "variables");
        issuer = Blank.toNull(issuer);
        audience = Blank.toNull(audience);
        jwksUri = Blank.toNull(jwksUri);
    }

    boolean isUnset() {
        return issuer == null && audience == null && jwksUri == null;
    }

    /** An issuer needs its exact {@code iss} and the audience its tokens carry; the JWKS URL is optional. */
    void validate() {
        if (issuer == null) {
            throw new InvalidAuthConfigurationException(variables.missingIssuer(
                    audience != null ? variables.audience() : variables.jwksUri()));
        }
        if (audience == null) {
            throw new InvalidAuthConfigurationException(variables.missingAudience());
        }
    }

    /** Keys from the configured JWKS URL, else from the issuer's metadata (discovery). */
    TrustedIssuer trustedIssuer(boolean insecureHttpAllowed) {
        validate();
        if (jwksUri != null) {
            return new TrustedIssuer(name, issuer, audience, new JwksLocation.Fixed(
                    FetchableUrl.parse(jwksUri, variables.jwksUri(), insecureHttpAllowed)));
        }
        // Without an explicit JWKS URL the issuer itself is fetched (discovery), so it must be a safe URL.
        FetchableUrl.parse(issuer, variables.issuer(), insecureHttpAllowed);
        return new TrustedIssuer(name, issuer, audience, new JwksLocation.Discovered(issuer));
    }
}
