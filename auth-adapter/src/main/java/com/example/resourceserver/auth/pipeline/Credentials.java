package com.example.resourceserver.auth.pipeline;

import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.CredentialScheme;
import java.util.List;

/**
 * Reads the access token the way RFC 6750 §2.1 (and RFC 9449 §7.1 for DPoP) and the contract want, replacing
 * Micronaut's reader (which reads only the first {@code Authorization} header and logs it at debug level):
 * <ul>
 *   <li>More than one {@code Authorization} header, or a header token plus an {@code access_token} query
 *       parameter: {@code invalid_request} (RFC 6750 §2: one method per request).</li>
 *   <li>The scheme is matched case-insensitively (RFC 7235 §2.1); another scheme is "no credentials".</li>
 *   <li>{@code Bearer} with nothing after it: {@code invalid_token}.</li>
 *   <li>{@code DPoP} (read only while some issuer accepts it; otherwise it is another scheme): exactly one
 *       {@code DPoP} header must come with it, none is {@code invalid_dpop_proof}, two or more are
 *       {@code invalid_request}.</li>
 *   <li>A token only in the query string is ignored: we do not support RFC 6750 §2.3.</li>
 * </ul>
 */
sealed interface Credentials {

    /** No credentials of a scheme we read. */
    record None() implements Credentials {}

    /** Credentials that are refused as they came; {@code scheme} is null when none was read. */
    record Unreadable(AuthenticationFailure failure, CredentialScheme scheme) implements Credentials {}

    /** A token, the scheme it came with, and for DPoP the proof (else null). */
    record Presented(CredentialScheme scheme, String token, String proof) implements Credentials {}

    None NONE = new None();

    static Credentials read(AuthRequest request, boolean dpopRead) {
        List<String> values = request.authorization();
        if (values.isEmpty()) {
            return NONE;
        }
        if (values.size() > 1) {
            return new Unreadable(AuthenticationFailure.of(Reason.MULTIPLE_AUTHORIZATION_HEADERS), null);
        }
        String value = values.get(0);
        CredentialScheme scheme = schemeOf(value, dpopRead);
        if (scheme == null) {
            return NONE; // another scheme: not ours, so no credentials for us
        }
        int length = value.length();
        int start = scheme.challengeName().length();
        while (start < length && value.charAt(start) == ' ') {
            start++;
        }
        if (start == length) {
            return new Unreadable(AuthenticationFailure.of(Reason.MALFORMED), scheme);
        }
        if (request.accessTokenInQuery()) {
            return new Unreadable(AuthenticationFailure.of(Reason.TOKEN_IN_MULTIPLE_PLACES), scheme);
        }
        String proof = null;
        if (scheme == CredentialScheme.DPOP) {
            List<String> proofs = request.dpopProofs();
            if (proofs.size() != 1) { // RFC 9449 §4.3 point 1: exactly one
                Reason reason = proofs.isEmpty() ? Reason.DPOP_PROOF_MISSING : Reason.MULTIPLE_DPOP_PROOFS;
                return new Unreadable(AuthenticationFailure.of(reason), scheme);
            }
            proof = proofs.get(0);
        }
        return new Presented(scheme, value.substring(start), proof);
    }

    /**
     * {@code Bearer}, or {@code DPoP} when some issuer accepts it, matched case-insensitively and followed by a
     * space or nothing; null for any other scheme ({@code Bearerx} included).
     */
    private static CredentialScheme schemeOf(String value, boolean dpopRead) {
        CredentialScheme scheme = startsWith(value, CredentialScheme.BEARER)
                ? CredentialScheme.BEARER
                : dpopRead && startsWith(value, CredentialScheme.DPOP) ? CredentialScheme.DPOP : null;
        if (scheme == null) {
            return null;
        }
        int end = scheme.challengeName().length();
        return end == value.length() || value.charAt(end) == ' ' ? scheme : null;
    }

    private static boolean startsWith(String value, CredentialScheme scheme) {
        String name = scheme.challengeName();
        return value.regionMatches(true, 0, name, 0, name.length());
    }
}
