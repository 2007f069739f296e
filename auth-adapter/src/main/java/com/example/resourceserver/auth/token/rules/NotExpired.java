package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code exp} is required and, with the leeway, still ahead (RFC 7519 §4.1.4). */
public final class NotExpired implements ClaimRule {

    private final Duration leeway;

    public NotExpired(Duration leeway) {
        this.leeway = leeway;
    }

    @Override
    public Optional<Reason> check(TokenClaims token) {
        Instant exp = token.time("exp");
        if (exp == null) {
            return Optional.of(Reason.MISSING_CLAIM);
        }
        return token.now().isBefore(exp.plus(leeway)) ? Optional.empty() : Optional.of(Reason.EXPIRED);
    }
}
