package com.example.resourceserver.auth.config;

import java.util.Objects;

/**
 * An issuer whose tokens this service accepts.
 *
 * @param name     a short label for logs, health and metrics (never secret)
 * @param issuer   the exact {@code iss} value; compared character for character
 * @param audience the API identifier its tokens must carry in {@code aud}
 * @param jwks     where its signing keys are published
 */
public record TrustedIssuer(String name, String issuer, String audience, JwksLocation jwks) {

    public TrustedIssuer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(jwks, "jwks");
    }
}
