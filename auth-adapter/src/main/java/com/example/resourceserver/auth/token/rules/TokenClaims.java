package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.auth.config.TrustedIssuer;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ClaimRule} looks at: the claims (typed, and as the raw JSON object for claims Nimbus does
 * not model), the trusted issuer that signed them, and the instant of this verification (read once, so
 * every time rule judges against the same now).
 */
public record TokenClaims(JWTClaimsSet claims, Map<String, Object> json, TrustedIssuer issuer, Instant now) {

    public TokenClaims {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(now, "now");
    }
}
