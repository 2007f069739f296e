package com.example.resourceserver.auth.config;

import java.util.Objects;

/**
 * One issuer as configured, before it is checked: the top-level {@code AUTH_ISSUER},
 * {@code AUTH_AUDIENCE}, {@code AUTH_JWKS_URI} and provider settings (the entry named {@value #DEFAULT_NAME})
 * or one {@code auth.issuers.<name>}. Both become a {@link TrustedIssuer} the same way; only the variable
 * names in the sentences differ, and those come with the entry. Blank values count as unset.
 */
record IssuerEntry(
        String name,
        String issuer,
        String audience,
        String jwksUri,
        ProviderEntry provider,
        IssuerVariables variables) {

    /** The name of the entry made of the top-level {@code AUTH_*} variables. */
    static final String DEFAULT_NAME = "default";

    IssuerEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(variables, "variables");
        issuer = Blank.toNull(issuer);
        audience = Blank.toNull(audience);
        jwksUri = Blank.toNull(jwksUri);
    }

    /** An entry without provider settings: the generic provider. */
    IssuerEntry(String name, String issuer, String audience, String jwksUri, IssuerVariables variables) {
        this(name, issuer, audience, jwksUri, ProviderEntry.UNSET, variables);
    }

    boolean isUnset() {
        return namesNoIssuer() && provider.isUnset();
    }

    /** Neither issuer, audience nor JWKS URL is set (provider settings may be). */
    boolean namesNoIssuer() {
        return issuer == null && audience == null && jwksUri == null;
    }

    /**
     * An issuer needs its exact {@code iss} and, unless it is Cognito, the audience its tokens carry; the JWKS
     * URL is optional. Cognito access tokens carry no {@code aud}, so an audience there would never match.
     */
    ProviderSettings validate() {
        if (issuer == null) {
            String setVariable = audience != null
                    ? variables.audience()
                    : jwksUri != null ? variables.jwksUri() : provider.firstSetVariable(variables);
            throw new InvalidAuthConfigurationException(variables.missingIssuer(setVariable));
        }
        ProviderSettings settings = provider.resolve(variables);
        if (settings.provider() == Provider.COGNITO) {
            if (audience != null) {
                throw new InvalidAuthConfigurationException(variables.audience() + " must not be set with "
                        + variables.provider() + "=cognito: Cognito access tokens carry no aud; list the app "
                        + "clients allowed to call this API in " + variables.allowedClientIds() + " instead.");
            }
        } else if (audience == null) {
            throw new InvalidAuthConfigurationException(variables.missingAudience());
        }
        return settings;
    }

    /** Keys from the configured JWKS URL, else from the issuer's metadata (discovery). */
    TrustedIssuer trustedIssuer(boolean insecureHttpAllowed) {
        ProviderSettings settings = validate();
        if (jwksUri != null) {
            return new TrustedIssuer(
                    name,
                    issuer,
                    audience,
                    new JwksLocation.Fixed(FetchableUrl.parse(jwksUri, variables.jwksUri(), insecureHttpAllowed)),
                    settings);
        }
        // Without an explicit JWKS URL the issuer itself is fetched (discovery), so it must be a safe URL.
        FetchableUrl.parse(issuer, variables.issuer(), insecureHttpAllowed);
        return new TrustedIssuer(name, issuer, audience, new JwksLocation.Discovered(issuer), settings);
    }
}
