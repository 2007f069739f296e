package com.example.resourceserver.archfixture.auth.scope;

import com.nimbusds.jwt.JWTClaimsSet;

/** Violation: the scope policy reads token claims itself instead of the domain's caller. */
public class ScopeReadingClaims {

    public Object scope(JWTClaimsSet claims) {
        return claims.getClaim("scope");
    }
}
