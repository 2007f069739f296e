package com.example.resourceserver.archfixture.auth.token.rules;

import com.nimbusds.jwt.JWTClaimsSet;

/**
 * One rule of the token layer. It uses nothing else of the adapter, so the violations that point at
 * it break the layering without also closing a package cycle (which would drag an allowed class into
 * the cycle rule's report).
 */
public class AllowedRule {

    public boolean accepts(JWTClaimsSet claims) {
        return claims.getSubject() != null;
    }
}
