package com.example.resourceserver.auth.token;

import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.domain.caller.Caller;
import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.Map;

/**
 * A token that passed every check.
 *
 * @param caller    who it identifies and what it grants
 * @param issuer    the trusted issuer that signed it
 * @param key       the key that verified the signature (a cached verdict dies with the key)
 * @param expiresAt its {@code exp}
 * @param claims    all claims, read-only, for adapters that want more than the caller
 */
public record VerifiedToken(
        Caller caller, TrustedIssuer issuer, JWK key, Instant expiresAt, Map<String, Object> claims) {}
