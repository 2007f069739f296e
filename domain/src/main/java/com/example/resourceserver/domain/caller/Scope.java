package com.example.resourceserver.domain.caller;

/**
 * One OAuth 2.0 scope, such as {@code read:messages}.
 *
 * <p>The value must be a {@code scope-token} of RFC 6749 §3.3: one or more printable ASCII characters
 * other than space, {@code "} and {@code \}. Holding that invariant here means a scope can be echoed
 * in a {@code WWW-Authenticate} header without any escaping. Comparison is exact and case-sensitive.
 */
public record Scope(String value) {

    public Scope {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("A scope must not be empty");
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isScopeTokenChar(value.charAt(i))) {
                throw new IllegalArgumentException(
                        "A scope may contain only printable ASCII other than space, '\"' and '\\'");
            }
        }
    }

    public static Scope of(String value) {
        return new Scope(value);
    }

    /** True when {@code value} is a valid scope-token; lets callers skip junk without an exception. */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isScopeTokenChar(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    // RFC 6749 §3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    private static boolean isScopeTokenChar(char c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
    }

    @Override
    public String toString() {
        return value;
    }
}
