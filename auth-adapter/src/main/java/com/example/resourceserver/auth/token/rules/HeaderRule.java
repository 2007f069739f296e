package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JWSHeader;
import java.util.Optional;

/** One check of a token's JOSE header, made before any key is looked up. */
@FunctionalInterface
public interface HeaderRule {

    /** Empty when the header passes; otherwise why the token is refused. */
    Optional<Reason> check(JWSHeader header);
}
