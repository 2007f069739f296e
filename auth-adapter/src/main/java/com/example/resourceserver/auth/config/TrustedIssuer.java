package com.example.resourceserver.auth.config;

import java.util.Objects;

/**
 * An issuer whose tokens this service accepts.
 *
 * @param name     a short label for logs, health and metrics (never secret)
 * @param issuer   the exact {@code iss} value; compared character for character
 * @param audience the API identifier its tokens must carry in {@code aud}; null only for Amazon Cognito, whose
 *                 access tokens carry no {@code aud} (its profile checks {@code client_id} instead)
 * @param jwks     where its signing keys are published
 * @param provider which identity provider issues its tokens, and that provider's settings
 */
public record TrustedIssuer(String name, String issuer, String audience, JwksLocation jwks, ProviderSettings provider) {

    public TrustedIssuer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(provider, "provider");
        if (provider.provider() != Provider.COGNITO) {
            Objects.requireNonNull(audience, "audience");
        }
    }

    /** An issuer read by the generic profile (any OpenID Connect / OAuth 2.0 issuer). */
    public TrustedIssuer(String name, String issuer, String audience, JwksLocation jwks) {
        this(name, issuer, audience, jwks, ProviderSettings.GENERIC);
    }
}
