package com.example.resourceserver.auth.dpop;

import java.util.Map;
import java.util.Optional;

/**
 * An access token's {@code cnf} claim (RFC 7800) as DPoP uses it: {@code cnf.jkt}, the SHA-256 thumbprint of the
 * key the token is bound to (RFC 9449 §6.1).
 */
public final class ConfirmationClaim {

    private ConfirmationClaim() {}

    /**
     * Whether the token claims a DPoP binding at all, well-formed or not: such a token is never accepted as a
     * plain bearer token (RFC 9449 §7.2), so a malformed binding cannot be shed by switching schemes.
     */
    public static boolean declaresDpopBinding(Map<String, Object> tokenClaims) {
        return tokenClaims.get("cnf") instanceof Map<?, ?> cnf && cnf.containsKey("jkt");
    }

    /**
     * The bound thumbprint: 43 base64url characters, as SHA-256 gives. Empty when the token has none or a
     * malformed one; a DPoP request with such a token is refused as not bound.
     */
    public static Optional<String> boundThumbprint(Map<String, Object> tokenClaims) {
        if (tokenClaims.get("cnf") instanceof Map<?, ?> cnf
                && cnf.get("jkt") instanceof String jkt
                && jkt.length() == 43
                && jkt.chars().allMatch(ConfirmationClaim::isBase64Url)) {
            return Optional.of(jkt);
        }
        return Optional.empty();
    }

    private static boolean isBase64Url(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
