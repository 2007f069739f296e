package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import java.util.Optional;
import java.util.Set;

/** The token's {@code alg} is on the configured allow-list ({@code none} and HMAC never are). */
public final class AllowedAlgorithm implements HeaderRule {

    private final Set<JWSAlgorithm> allowed;

    public AllowedAlgorithm(Set<JWSAlgorithm> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    @Override
    public Optional<Reason> check(JWSHeader header) {
        return allowed.contains(header.getAlgorithm()) ? Optional.empty() : Optional.of(Reason.DISALLOWED_ALGORITHM);
    }
}
