package com.example.resourceserver.auth.config;

import java.util.List;
import java.util.Objects;

/**
 * What the service runs with, resolved and checked from configuration by {@link AuthConfigurationResolver}:
 * whom it trusts (each issuer with everything configured about it), the rules every token must meet, whether
 * plain http may be fetched, and the settings shared by every issuer (already checked, so the glue that builds
 * the running objects needs nothing else).
 *
 * @param issuers             the trusted issuers, at least one, each {@code iss} and each name once
 * @param policy              the rules every token must meet, whatever its issuer
 * @param insecureHttpAllowed whether plain-http discovery and JWKS URLs to non-loopback hosts are allowed
 * @param jwks                how keys are fetched and kept ({@code auth.jwks.*})
 * @param tokenCache          the verified-token cache ({@code auth.token-cache.*})
 * @param dpop                DPoP proofs and their replay store ({@code auth.dpop.*})
 * @param introspection       the limits and cache of introspection ({@code auth.introspection.*})
 */
public record AuthConfiguration(
        List<TrustedIssuer> issuers,
        VerificationPolicy policy,
        boolean insecureHttpAllowed,
        JwksSettings jwks,
        TokenCacheSettings tokenCache,
        DpopSettings dpop,
        IntrospectionSettings introspection) {

    public AuthConfiguration {
        issuers = List.copyOf(issuers);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(jwks, "jwks");
        Objects.requireNonNull(tokenCache, "tokenCache");
        Objects.requireNonNull(dpop, "dpop");
        Objects.requireNonNull(introspection, "introspection");
    }

    /** Whether plain bearer tokens of at least one issuer are accepted (the Bearer challenge is offered). */
    public boolean someAcceptBearer() {
        return issuers.stream().anyMatch(issuer -> issuer.dpop().acceptsBearer());
    }

    /** Whether DPoP tokens of at least one issuer are accepted (the DPoP scheme is read and offered). */
    public boolean someAcceptDpop() {
        return issuers.stream().anyMatch(issuer -> issuer.dpop().acceptsDpop());
    }
}
