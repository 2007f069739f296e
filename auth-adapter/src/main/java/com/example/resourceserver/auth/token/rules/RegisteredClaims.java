package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.auth.json.NumericDate;
import java.util.List;
import java.util.Map;

/**
 * RFC 7519 §4.1: the registered claims a token carries must have their JSON types ({@code iss}, {@code sub},
 * {@code jti} strings; {@code aud} a string or an array of strings; {@code exp}, {@code nbf}, {@code iat}
 * NumericDates). Checked before the issuer is looked up and before the signature, so a payload of the wrong
 * shape costs no key lookup; claim rules then read the values without asking again.
 */
public final class RegisteredClaims {

    private static final List<String> STRINGS = List.of("iss", "sub", "jti");
    private static final List<String> TIMES = List.of("exp", "nbf", "iat");

    private RegisteredClaims() {}

    public static boolean wellFormed(Map<String, Object> json) {
        for (String name : STRINGS) {
            Object value = json.get(name);
            if (value != null && !(value instanceof String)) {
                return false;
            }
        }
        for (String name : TIMES) {
            if (!NumericDate.absentOrValid(json.get(name))) {
                return false;
            }
        }
        Object aud = json.get("aud");
        return aud == null
                || aud instanceof String
                || (aud instanceof List<?> list && list.stream().allMatch(String.class::isInstance));
    }

    /** {@code aud} as a list: one string, or an array's strings; empty when absent or of another type. */
    static List<String> audience(Map<String, Object> json) {
        Object aud = json.get("aud");
        if (aud instanceof String one) {
            return List.of(one);
        }
        if (aud instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
            @SuppressWarnings("unchecked")
            List<String> strings = (List<String>) list;
            return strings;
        }
        return List.of();
    }
}
