package com.example.resourceserver.auth.token;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;

/**
 * Turns the bearer string into a {@link ParsedJws}, after the strict shape check of {@link CompactJws}. A
 * token that announces {@code alg: none} is refused as a disallowed algorithm rather than as malformed, so the
 * operator sees what was attempted.
 *
 * <p>Headers are few: an issuer's tokens share a handful (one per signing key and type), so the parsed
 * header is remembered by its base64url text in a small table of {@value #HEADER_SLOTS} slots, each holding
 * the last header that hashed to it. A header is immutable, and text that differs from a slot's is parsed
 * as usual: tokens with many different headers cost what they cost without the table.
 */
final class SignedTokenParser {

    static final int HEADER_SLOTS = 64;

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    /** One remembered header; a record's final fields make a slot safe to share without locks. */
    private record KnownHeader(String base64, JWSHeader header) {}

    private final int maxTokenLength;
    private final KnownHeader[] headers = new KnownHeader[HEADER_SLOTS];

    SignedTokenParser(int maxTokenLength) {
        this.maxTokenLength = maxTokenLength;
    }

    ParsedJws parse(String token) throws TokenRejected {
        if (token == null || token.length() > maxTokenLength) {
            throw new TokenRejected(Reason.MALFORMED);
        }
        if (!CompactJws.isWellFormed(token, maxTokenLength)) {
            throw new TokenRejected(isUnsigned(token) ? Reason.DISALLOWED_ALGORITHM : Reason.MALFORMED);
        }
        int firstDot = token.indexOf('.');
        int lastDot = token.lastIndexOf('.');
        JWSHeader header;
        try {
            header = header(token.substring(0, firstDot));
        } catch (ParseException e) {
            throw new TokenRejected(isUnsigned(token) ? Reason.DISALLOWED_ALGORITHM : Reason.MALFORMED);
        }
        String payloadJson =
                new String(BASE64URL.decode(token.substring(firstDot + 1, lastDot)), StandardCharsets.UTF_8);
        byte[] signingInput = token.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        return new ParsedJws(header, payloadJson, signingInput, new Base64URL(token.substring(lastDot + 1)));
    }

    private JWSHeader header(String base64) throws ParseException {
        int slot = base64.hashCode() & (HEADER_SLOTS - 1);
        KnownHeader known = headers[slot];
        if (known != null && known.base64().equals(base64)) {
            return known.header();
        }
        JWSHeader header = JWSHeader.parse(new Base64URL(base64));
        headers[slot] = new KnownHeader(base64, header);
        return header;
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
