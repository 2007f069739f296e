package com.example.resourceserver.auth.token.introspection;

import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.domain.caller.Caller;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What an introspection endpoint said of an active token, checked. Independent of the route that asked:
 * the caller's grants are decided against each route's scope per request, never here.
 *
 * @param caller     who it identifies and what it grants (the same mapping as for JWTs)
 * @param issuer     the trusted issuer whose endpoint vouched for it
 * @param expiresAt  its {@code exp}, if the answer had one
 * @param claims     the answer's members, read-only
 * @param thumbprint {@code cnf.jkt} (RFC 9449 §6.2): the key a DPoP-bound token is bound to, for DPoP later
 */
public record IntrospectedToken(
        Caller caller,
        TrustedIssuer issuer,
        Optional<Instant> expiresAt,
        Map<String, Object> claims,
        Optional<String> thumbprint) {}
