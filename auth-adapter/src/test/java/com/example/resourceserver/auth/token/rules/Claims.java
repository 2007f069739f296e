package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.time.Instant;
import java.util.Date;

/** Builds the claims a rule looks at, for an issuer whose API identifier is {@link #AUDIENCE}. */
final class Claims {

    static final String AUDIENCE = "https://api.example/";
    static final TrustedIssuer ISSUER = new TrustedIssuer(
            "test",
            "https://issuer.example/",
            AUDIENCE,
            new JwksLocation.Fixed(URI.create("https://issuer.example/jwks")));
    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private Claims() {}

    static JWTClaimsSet.Builder builder() {
        return new JWTClaimsSet.Builder();
    }

    static Date secondsFromNow(long seconds) {
        return Date.from(NOW.plusSeconds(seconds));
    }

    static TokenClaims of(JWTClaimsSet.Builder claims) {
        JWTClaimsSet set = claims.build();
        return new TokenClaims(set.toJSONObject(), ISSUER, NOW);
    }
}
