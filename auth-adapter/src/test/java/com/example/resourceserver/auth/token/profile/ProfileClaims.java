package com.example.resourceserver.auth.token.profile;

import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.token.rules.ClaimRule;
import com.example.resourceserver.auth.token.rules.TokenClaims;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Claims as a profile sees them, for an issuer whose API identifier is {@link #AUDIENCE}. */
final class ProfileClaims {

    static final String AUDIENCE = "api://messages";
    static final TrustedIssuer ISSUER = new TrustedIssuer(
            "test",
            "https://issuer.example/",
            AUDIENCE,
            new JwksLocation.Fixed(URI.create("https://issuer.example/jwks")));

    private ProfileClaims() {}

    static TokenClaims of(Map<String, Object> json) {
        return new TokenClaims(json, ISSUER, Instant.parse("2026-12-01T12:00:00Z"));
    }

    /** The first refusal of the profile's rules, or empty when all pass. */
    static Optional<Reason> verdict(ProviderProfile profile, Map<String, Object> json) {
        TokenClaims claims = of(json);
        for (ClaimRule rule : profile.claimRules()) {
            Optional<Reason> refused = rule.check(claims);
            if (refused.isPresent()) {
                return refused;
            }
        }
        return Optional.empty();
    }
}
