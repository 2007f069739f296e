package com.example.resourceserver.auth.token.dpop;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;

/**
 * A proof split into its JOSE header and claims as JSON objects, and its three base64url segments. The header's
 * JSON is left out (null) when its text is already known to pass: then {@code known} is what was made of it
 * ({@link ProofHeaders}).
 *
 * <p>Strict where Nimbus is lenient: the JDK's base64url decoder refuses characters outside the alphabet
 * (Nimbus's skips them), and {@link JsonDuplicates} refuses repeated members inside nested objects.
 */
record ParsedProof(
        Map<String, Object> header, Map<String, Object> claims, String[] segments, ProofHeaders.Checked known) {

    static ParsedProof parse(String proof, int maxLength, ProofHeaders known) throws ProofRefused {
        if (proof == null || proof.isEmpty()) {
            throw new ProofRefused(Reason.DPOP_PROOF_MALFORMED);
        }
        if (proof.length() > maxLength) {
            throw new ProofRefused(Reason.DPOP_PROOF_TOO_LONG);
        }
        String[] parts = proof.split("\\.", -1);
        // An empty signature is let through here: alg none is then refused by name, and any other alg fails
        // the signature check.
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new ProofRefused(Reason.DPOP_PROOF_MALFORMED);
        }
        ProofHeaders.Checked remembered = known.remembered(parts[0]);
        Map<String, Object> header = remembered == null ? jsonObject(parts[0]) : null;
        Map<String, Object> claims = jsonObject(parts[1]);
        decode(parts[2]);
        return new ParsedProof(header, claims, parts, remembered);
    }

    /** Whether the signature over the first two segments verifies, with the checked header's verifier. */
    boolean signedBy(ProofHeaders.Checked header) throws ProofRefused {
        if (segments[2].isEmpty()) {
            throw new ProofRefused(
                    Reason.DPOP_PROOF_BAD_SIGNATURE); // the alg is asymmetric by now: no signature is a bad one
        }
        byte[] signingInput = (segments[0] + '.' + segments[1]).getBytes(StandardCharsets.US_ASCII);
        try {
            return header.verifier().verify(header.header(), signingInput, new Base64URL(segments[2]));
        } catch (JOSEException e) {
            throw new ProofRefused(Reason.DPOP_PROOF_BAD_SIGNATURE);
        }
    }

    private static Map<String, Object> jsonObject(String segment) throws ProofRefused {
        String json = new String(decode(segment), StandardCharsets.UTF_8);
        Map<String, Object> object;
        try {
            object = JSONObjectUtils.parse(json);
        } catch (ParseException e) {
            // Nimbus refuses a repeated top-level member as invalid JSON: name it for what it is.
            throw new ProofRefused(
                    repeatsTopLevelMember(json) ? Reason.DPOP_PROOF_DUPLICATE_MEMBER : Reason.DPOP_PROOF_MALFORMED);
        }
        if (JsonDuplicates.present(json)) {
            throw new ProofRefused(Reason.DPOP_PROOF_DUPLICATE_MEMBER);
        }
        return object;
    }

    private static boolean repeatsTopLevelMember(String invalidJson) {
        try {
            return JsonDuplicates.present(invalidJson);
        } catch (RuntimeException e) {
            return false; // not JSON at all: the scanner ran off its end
        }
    }

    private static byte[] decode(String segment) throws ProofRefused {
        if (segment.indexOf('=') >= 0) {
            throw new ProofRefused(Reason.DPOP_PROOF_MALFORMED); // RFC 7515 §2: base64url without padding
        }
        try {
            return Base64.getUrlDecoder().decode(segment);
        } catch (IllegalArgumentException e) {
            throw new ProofRefused(Reason.DPOP_PROOF_MALFORMED);
        }
    }
}
