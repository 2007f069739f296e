package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * For a provider whose access tokens name no API (Amazon Cognito: no {@code aud}), the client they were issued
 * to must be one the operator listed: a token of another app client of the same user pool is not for this API.
 * Exact comparison; absent: missing claim; not listed: wrong audience.
 */
public final class ClientAllowed implements ClaimRule {

    private final String claim;
    private final Set<String> allowed;

    public ClientAllowed(String claim, Set<String> allowed) {
        this.claim = Objects.requireNonNull(claim, "claim");
        this.allowed = Set.copyOf(allowed);
        if (this.allowed.isEmpty()) {
            throw new IllegalArgumentException("an allow-list of clients must not be empty");
        }
    }

    @Override
    public Optional<Reason> check(TokenClaims token) {
        Object value = token.json().get(claim);
        if (!(value instanceof String client)) {
            return Optional.of(Reason.MISSING_CLAIM);
        }
        return allowed.contains(client) ? Optional.empty() : Optional.of(Reason.WRONG_AUDIENCE);
    }
}
