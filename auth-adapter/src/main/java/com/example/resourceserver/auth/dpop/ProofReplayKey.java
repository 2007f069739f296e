package com.example.resourceserver.auth.dpop;

import com.example.resourceserver.auth.jws.Sha256;

/**
 * What identifies one use of a proof: a SHA-256 hash of the key's thumbprint, the normalised {@code htu} and
 * the {@code jti}. Hashed so that the store holds fixed-size keys and no client-chosen text; scoped by key
 * and URI so that two clients (or two resources) that happen to pick the same {@code jti} do not collide.
 *
 * @param value 43 base64url characters
 */
public record ProofReplayKey(String value) {

    static ProofReplayKey of(String thumbprint, String normalisedHtu, String jti) {
        // NUL separators: the thumbprint (base64url) and the normalised URI never contain NUL, and the
        // client-chosen jti comes last, so no two triples hash the same input.
        return new ProofReplayKey(Sha256.base64Url(thumbprint + '\u0000' + normalisedHtu + '\u0000' + jti));
    }
}
