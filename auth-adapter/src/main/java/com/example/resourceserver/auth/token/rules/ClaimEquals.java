package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.util.Objects;
import java.util.Optional;

/**
 * A claim a provider uses to say which kind of token this is must say "access token": Cognito's
 * {@code token_use} must be {@code access}, Keycloak's {@code typ} claim {@code Bearer}. Absent: missing claim;
 * another value (e.g. an ID token's {@code id} or {@code ID}): invalid claim.
 */
public final class ClaimEquals implements ClaimRule {

    private final String claim;
    private final String expected;

    public ClaimEquals(String claim, String expected) {
        this.claim = Objects.requireNonNull(claim, "claim");
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    @Override
    public Optional<Reason> check(TokenClaims token) {
        Object value = token.json().get(claim);
        if (value == null) {
            return Optional.of(Reason.MISSING_CLAIM);
        }
        return expected.equals(value) ? Optional.empty() : Optional.of(Reason.INVALID_CLAIM);
    }
}
