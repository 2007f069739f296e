package com.example.resourceserver.auth.config;

import java.util.Objects;
import java.util.Optional;

/**
 * An issuer whose tokens this service accepts, resolved and checked: everything configured about it in one
 * immutable value, from which the running issuer is built.
 *
 * @param name          a short label for logs, health and metrics (never secret)
 * @param issuer        the exact {@code iss} value; compared character for character
 * @param audience      the API identifier its tokens must carry in {@code aud}; null only for Amazon Cognito, whose
 *                      access tokens carry no {@code aud} (its profile checks {@code client_id} instead)
 * @param jwks          where its signing keys are published
 * @param provider      which identity provider issues its tokens, and that provider's settings
 * @param dpop          whether its tokens may, must or must not come with DPoP
 * @param introspection its RFC 7662 endpoint and client, when it has one
 */
public record TrustedIssuer(
        String name,
        String issuer,
        String audience,
        JwksLocation jwks,
        ProviderSettings provider,
        DpopMode dpop,
        Optional<IntrospectionTarget> introspection) {

    public TrustedIssuer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(dpop, "dpop");
        Objects.requireNonNull(introspection, "introspection");
        if (provider.provider() != Provider.COGNITO) {
            Objects.requireNonNull(audience, "audience");
        }
    }

    /** An issuer of this provider, DPoP allowed, no introspection. */
    public TrustedIssuer(String name, String issuer, String audience, JwksLocation jwks, ProviderSettings provider) {
        this(name, issuer, audience, jwks, provider, DpopMode.ALLOWED, Optional.empty());
    }

    /** An issuer read by the generic profile (any OpenID Connect / OAuth 2.0 issuer). */
    public TrustedIssuer(String name, String issuer, String audience, JwksLocation jwks) {
        this(name, issuer, audience, jwks, ProviderSettings.GENERIC);
    }

    /** The same issuer with another DPoP mode and introspection target (resolution sets them last). */
    TrustedIssuer with(DpopMode dpop, Optional<IntrospectionTarget> introspection) {
        return new TrustedIssuer(name, issuer, audience, jwks, provider, dpop, introspection);
    }
}
