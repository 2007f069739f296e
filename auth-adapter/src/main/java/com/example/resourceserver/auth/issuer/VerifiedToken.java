package com.example.resourceserver.auth.issuer;

import com.example.resourceserver.domain.caller.Caller;
import com.nimbusds.jose.jwk.JWK;
import java.time.Instant;
import java.util.Map;

/**
 * A token its issuer vouched for: verified here (a JWT) or by the issuer's introspection endpoint.
 *
 * @param caller    who it identifies and what it grants
 * @param issuer    the issuer that vouched for it, which everything after asks (DPoP mode, keys, ...)
 * @param key       the key that verified a JWT's signature (a remembered verdict dies with the key); null when
 *                  introspected
 * @param expiresAt its {@code exp}; {@link Instant#MAX} for an introspected token whose answer had none
 * @param claims    all claims (or the introspection answer's members), read-only
 */
public record VerifiedToken(Caller caller, Issuer issuer, JWK key, Instant expiresAt, Map<String, Object> claims) {}
