package com.example.resourceserver.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.util.Base64URL;

/**
 * A compact JWS taken apart once: its parsed header, its payload's JSON text, and the signing input and
 * signature a {@link JWSVerifier} checks.
 *
 * <p>In place of Nimbus's {@code SignedJWT}, which on the distinct-token path decoded the payload with
 * Nimbus's base64 codec (several microseconds per token; the JDK's decoder takes a fraction of that),
 * built the signing input anew, and keeps a state machine we do not use. The segments were already
 * checked by {@link CompactJws}, so the JDK's strict decoder cannot fail on them.
 */
record ParsedJws(JWSHeader header, String payloadJson, byte[] signingInput, Base64URL signature) {

    /** Whether the signature verifies with this verifier (the verifier checks that it supports the header). */
    boolean verify(JWSVerifier verifier) throws JOSEException {
        return verifier.verify(header, signingInput, signature);
    }
}
