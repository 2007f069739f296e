package com.example.resourceserver.auth.token;

import com.example.resourceserver.domain.caller.Caller;
import com.nimbusds.jwt.JWTClaimsSet;

import java.text.ParseException;
import java.util.Map;

/**
 * The caller of a token known by its claims rather than by a signature (an introspection answer): the
 * same subject and scope mapping as verified JWTs ({@link CallerClaims}), so that both kinds of token
 * grant the same things. The one call that introspection makes into the mapping.
 */
public final class TokenCaller {

    private TokenCaller() {
    }

    /** @throws ParseException when a registered claim has the wrong JSON type */
    public static Caller of(Map<String, Object> claims) throws ParseException {
        return CallerClaims.callerOf(JWTClaimsSet.parse(claims), claims);
    }
}
