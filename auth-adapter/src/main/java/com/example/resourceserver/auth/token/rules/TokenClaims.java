package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.json.NumericDate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link ClaimRule} looks at: the token's claims as read once from its payload, the trusted issuer
 * that signed them, and the instant of this verification (read once, so every time rule judges against the
 * same now). The registered claims' JSON types were checked before the signature ({@link RegisteredClaims}).
 */
public record TokenClaims(Map<String, Object> json, TrustedIssuer issuer, Instant now) {

    public TokenClaims {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(now, "now");
    }

    /** A NumericDate claim ({@code exp}, {@code nbf}, {@code iat}, ...); null when absent or not one. */
    public Instant time(String name) {
        return NumericDate.of(json.get(name));
    }

    /** {@code aud} as a list: one string, or an array's strings; empty when absent. */
    public List<String> audience() {
        return RegisteredClaims.audience(json);
    }
}
