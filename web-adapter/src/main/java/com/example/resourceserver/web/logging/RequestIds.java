package com.example.resourceserver.web.logging;

import io.micronaut.core.annotation.Nullable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The request id of the access log and the {@code X-Request-Id} response header: the caller's own when
 * well formed (1 to 64 characters of letters, digits, {@code . _ : -}), else a new random one, so that a
 * caller cannot inject log syntax or huge values through it.
 */
final class RequestIds {

    static final int MAX_LENGTH = 64;

    private RequestIds() {}

    /** The caller's id when well formed, else a fresh random one (32 lowercase hex digits). */
    static String accept(@Nullable String incoming) {
        return isWellFormed(incoming) ? incoming : random();
    }

    static boolean isWellFormed(@Nullable String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    static String random() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // The top bit set keeps each half at exactly 16 hex digits.
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }
}
