package com.example.resourceserver.auth.token;

/**
 * The strict shape check a token passes before any decoding: exactly three non-empty segments of the
 * base64url alphabet without padding (RFC 7515 §7.1, RFC 7515 §2 "Base64url Encoding").
 *
 * <p>Our own because Nimbus's base64 decoder is lenient: it skips characters outside the alphabet, so
 * a signature segment with junk in it could still verify. A plain loop, not a regex: this runs on
 * every request that carries a token.
 */
final class CompactJws {

    private CompactJws() {}

    static boolean isWellFormed(String token, int maxLength) {
        int length = token.length();
        if (length == 0 || length > maxLength) {
            return false;
        }
        int dots = 0;
        int segmentStart = 0;
        for (int i = 0; i < length; i++) {
            char c = token.charAt(i);
            if (c == '.') {
                if (!isSegmentLengthValid(i - segmentStart) || ++dots > 2) {
                    return false;
                }
                segmentStart = i + 1;
            } else if (!isBase64UrlChar(c)) {
                return false;
            }
        }
        return dots == 2 && isSegmentLengthValid(length - segmentStart);
    }

    /** Unpadded base64url never has length 1 modulo 4, and no segment may be empty. */
    private static boolean isSegmentLengthValid(int length) {
        return length > 0 && length % 4 != 1;
    }

    private static boolean isBase64UrlChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }
}
