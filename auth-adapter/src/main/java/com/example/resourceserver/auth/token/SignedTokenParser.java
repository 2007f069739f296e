package com.example.resourceserver.auth.token;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;

/**
 * Turns the bearer string into a parsed JWS, after the strict shape check of {@link CompactJws}. A token
 * that announces {@code alg: none} is refused as a disallowed algorithm rather than as malformed, so the
 * operator sees what was attempted.
 */
final class SignedTokenParser {

    private final int maxTokenLength;

    SignedTokenParser(int maxTokenLength) {
        this.maxTokenLength = maxTokenLength;
    }

    SignedJWT parse(String token) throws TokenRejected {
        if (token == null || token.length() > maxTokenLength) {
            throw new TokenRejected(Reason.MALFORMED);
        }
        if (!CompactJws.isWellFormed(token, maxTokenLength)) {
            throw new TokenRejected(isUnsigned(token) ? Reason.DISALLOWED_ALGORITHM : Reason.MALFORMED);
        }
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new TokenRejected(isUnsigned(token) ? Reason.DISALLOWED_ALGORITHM : Reason.MALFORMED);
        }
    }

    /** Whether a token that failed to parse as JWS announced {@code alg: none}. */
    private static boolean isUnsigned(String token) {
        try {
            int firstDot = token.indexOf('.');
            if (firstDot <= 0) {
                return false;
            }
            Header header = Header.parse(new Base64URL(token.substring(0, firstDot)));
            return Algorithm.NONE.equals(header.getAlgorithm());
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }
}
