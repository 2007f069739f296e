package com.example.resourceserver.auth.jws;

import com.example.resourceserver.auth.json.StrictJson;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One compact JWS taken apart once by {@link JwsReader}: the header (remembered by its text), the payload's
 * members (read when first asked for, then kept, so a retry after a key fetch reuses them), the signing input
 * and the signature. Used by access tokens, DPoP proofs and signed introspection answers alike.
 *
 * <p>Not shared between threads: one request's token, proof or answer.
 */
public final class Jws {

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final JwsHeader header;
    private final String compact;
    private final int firstDot;
    private final int lastDot;
    private Map<String, Object> payload;
    private byte[] signingInput;

    Jws(JwsHeader header, String compact, int firstDot, int lastDot) {
        this.header = header;
        this.compact = compact;
        this.firstDot = firstDot;
        this.lastDot = lastDot;
    }

    public JwsHeader header() {
        return header;
    }

    /** The payload's members; the reader's shape check guarantees base64url, so only the JSON can be wrong. */
    public Map<String, Object> payload() throws JwsReader.Refused {
        if (payload == null) {
            String json =
                    new String(BASE64URL.decode(compact.substring(firstDot + 1, lastDot)), StandardCharsets.UTF_8);
            try {
                payload = StrictJson.object(json);
            } catch (StrictJson.Invalid e) {
                throw new JwsReader.Refused(
                        e.repeatedMember() ? JwsReader.Problem.REPEATED_MEMBER : JwsReader.Problem.MALFORMED);
            }
        }
        return payload;
    }

    /** Whether the signature segment is empty (a JWS never has one; {@code alg: none} tokens do). */
    public boolean unsigned() {
        return lastDot == compact.length() - 1;
    }

    /** Whether the signature verifies with this verifier (which checks that it supports the header). */
    public boolean signedBy(JWSVerifier verifier) throws JOSEException {
        if (unsigned() || header.parsed() == null) {
            return false;
        }
        if (signingInput == null) {
            signingInput = compact.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        }
        return verifier.verify(header.parsed(), signingInput, new Base64URL(compact.substring(lastDot + 1)));
    }

    /** The first of these keys whose verifier accepts the signature, or null: the one verification loop. */
    public JWK verifiedBy(List<VerificationKey> candidates) {
        for (VerificationKey key : candidates) {
            try {
                if (signedBy(key.verifier())) {
                    return key.jwk();
                }
            } catch (JOSEException e) {
                // a key/algorithm mismatch the key selection let through: not this key
            }
        }
        return null;
    }
}
