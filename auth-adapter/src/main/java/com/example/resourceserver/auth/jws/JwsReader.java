package com.example.resourceserver.auth.jws;

import com.example.resourceserver.auth.json.StrictJson;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;

/**
 * The one strict reader of compact JWS (RFC 7515 §7.1) for access tokens, DPoP proofs and signed
 * introspection answers. Before any decoding: a length bound, exactly three segments, each of the base64url
 * alphabet without padding and of a length unpadded base64url can have (the signature may be empty, so that
 * {@code alg: none} is refused by name by whoever asks). Then the header's JSON, read by {@link StrictJson}
 * (one object, no repeated member at any depth). The payload is read when first asked for ({@link Jws#payload()}),
 * so that header checks still come first.
 *
 * <p>Our own shape check because Nimbus's base64 decoder is lenient: it skips characters outside the alphabet,
 * so a signature with junk in it could still verify. A table lookup per character, no regular expression: this
 * runs on every request that carries a token.
 *
 * <p>Headers repeat (an issuer's tokens share a handful; a DPoP client signs every proof with one key), so a
 * header is remembered by its text, bounded, with what was made of it; text that differs is parsed as usual.
 */
public final class JwsReader {

    /** Distinct headers in use at once, about: issuers' signing keys plus DPoP clients' keys. */
    static final int REMEMBERED_HEADERS = 4096;

    private static final boolean[] BASE64URL = base64UrlTable();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Why a text is not an acceptable compact JWS. */
    public enum Problem {
        /** Longer than the caller allows: refused before anything is decoded. */
        TOO_LONG,
        /** Not three base64url segments, or a header or payload that is not one JSON object. */
        MALFORMED,
        /** A JSON object in the header or payload repeats a member name. */
        REPEATED_MEMBER
    }

    /** A refusal; without a stack trace, since it is a verdict on input, not a defect. */
    public static final class Refused extends Exception {
        private final Problem problem;

        Refused(Problem problem) {
            super(problem.name(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    private final Cache<String, JwsHeader> headers = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_HEADERS)
            .executor(Runnable::run) // maintenance on the calling thread: no wake-up of another per write
            .build();

    public Jws read(String compact, int maxLength) throws Refused {
        if (compact == null || compact.isEmpty()) {
            throw new Refused(Problem.MALFORMED);
        }
        if (compact.length() > maxLength) {
            throw new Refused(Problem.TOO_LONG);
        }
        int firstDot = -1;
        int lastDot = -1;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (c == '.') {
                if (lastDot != firstDot) {
                    throw new Refused(Problem.MALFORMED); // a third dot
                }
                if (firstDot < 0) {
                    firstDot = i;
                }
                lastDot = i;
            } else if (c >= 128 || !BASE64URL[c]) {
                throw new Refused(Problem.MALFORMED);
            }
        }
        if (firstDot == lastDot
                || !isSegmentLength(firstDot, false)
                || !isSegmentLength(lastDot - firstDot - 1, false)
                || !isSegmentLength(compact.length() - lastDot - 1, true)) {
            throw new Refused(Problem.MALFORMED);
        }
        return new Jws(header(compact.substring(0, firstDot)), compact, firstDot, lastDot);
    }

    private JwsHeader header(String text) throws Refused {
        JwsHeader known = headers.getIfPresent(text);
        if (known != null) {
            return known;
        }
        Map<String, Object> json;
        try {
            json = StrictJson.object(new String(DECODER.decode(text), StandardCharsets.UTF_8));
        } catch (StrictJson.Invalid e) {
            throw new Refused(e.repeatedMember() ? Problem.REPEATED_MEMBER : Problem.MALFORMED);
        }
        JwsHeader header = new JwsHeader(text, json, nimbusHeader(json, text));
        headers.put(text, header);
        return header;
    }

    /** Nimbus's header, or null where Nimbus refuses the members (alg none, a member of the wrong type, ...). */
    private static JWSHeader nimbusHeader(Map<String, Object> json, String text) {
        try {
            return JWSHeader.parse(json, new Base64URL(text));
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    /** Unpadded base64url never has length 1 modulo 4; only the signature may be empty. */
    private static boolean isSegmentLength(int length, boolean mayBeEmpty) {
        return (length > 0 || mayBeEmpty) && length % 4 != 1;
    }

    private static boolean[] base64UrlTable() {
        boolean[] table = new boolean[128];
        for (char c = 'A'; c <= 'Z'; c++) {
            table[c] = true;
            table[Character.toLowerCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            table[c] = true;
        }
        table['-'] = true;
        table['_'] = true;
        return table;
    }
}
