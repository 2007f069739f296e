package com.example.resourceserver.auth.config;

import java.util.List;
import java.util.Objects;

/**
 * What the service runs with, resolved and checked from configuration by {@link AuthConfigurationResolver}:
 * whom it trusts, the rules every token must meet, whether plain http may be fetched, and the key and
 * token-cache settings (already checked, so the glue that builds the verifier needs nothing else).
 *
 * @param issuers             the trusted issuers, at least one, each {@code iss} once
 * @param policy              the rules every token must meet, whatever its issuer
 * @param insecureHttpAllowed whether plain-http discovery and JWKS URLs to non-loopback hosts are allowed
 * @param jwks                how keys are fetched and kept ({@code auth.jwks.*})
 * @param tokenCache          the verified-token cache ({@code auth.token-cache.*})
 */
public record AuthConfiguration(
        List<TrustedIssuer> issuers,
        VerificationPolicy policy,
        boolean insecureHttpAllowed,
        JwksSettings jwks,
        TokenCacheSettings tokenCache) {

    public AuthConfiguration {
        issuers = List.copyOf(issuers);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(tokenCache, "tokenCache");
    }
}
