package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code iat}, when present, is not beyond the leeway in the future: such a token is forged or its clock broken. */
public final class NotIssuedInFuture implements ClaimRule {

    private final Duration leeway;

    public NotIssuedInFuture(Duration leeway) {
        this.leeway = leeway;
    }

    @Override
    public Optional<Reason> check(TokenClaims token) {
        Instant iat = token.time("iat");
        return iat != null && token.now().isBefore(iat.minus(leeway))
                ? Optional.of(Reason.ISSUED_IN_FUTURE)
                : Optional.empty();
    }
}
