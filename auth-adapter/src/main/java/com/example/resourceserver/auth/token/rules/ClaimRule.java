package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.util.Optional;

/** One check of a token's claims, made after its signature was verified. */
@FunctionalInterface
public interface ClaimRule {

    /** Empty when the claims pass; otherwise why the token is refused. */
    Optional<Reason> check(TokenClaims claims);
}
