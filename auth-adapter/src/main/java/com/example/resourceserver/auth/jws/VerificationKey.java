package com.example.resourceserver.auth.jws;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import java.util.Objects;

/** A public key and the verifier built for it once ({@link Verifiers}). */
public record VerificationKey(JWK jwk, JWSVerifier verifier) {
    public VerificationKey {
        Objects.requireNonNull(jwk, "jwk");
        Objects.requireNonNull(verifier, "verifier");
    }
}
