package com.example.resourceserver.auth.jws;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** SHA-256 as JOSE writes it: base64url without padding (RFC 9449 {@code ath}, cache and replay keys). */
public final class Sha256 {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private Sha256() {}

    /** Of the text's UTF-8 bytes (for ASCII text such as a token, its ASCII bytes). */
    public static String base64Url(String text) {
        try {
            return BASE64URL.encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
