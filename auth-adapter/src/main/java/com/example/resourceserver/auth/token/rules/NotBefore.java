package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code nbf}, when present, is with the leeway already past (RFC 7519 §4.1.5). */
public final class NotBefore implements ClaimRule {

    private final Duration leeway;

    public NotBefore(Duration leeway) {
        this.leeway = leeway;
    }

    @Override
    public Optional<Reason> check(TokenClaims token) {
        Instant nbf = token.time("nbf");
        return nbf != null && token.now().isBefore(nbf.minus(leeway))
                ? Optional.of(Reason.NOT_YET_VALID)
                : Optional.empty();
    }
}
