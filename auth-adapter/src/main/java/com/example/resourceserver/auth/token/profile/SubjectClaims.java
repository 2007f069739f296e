package com.example.resourceserver.auth.token.profile;

import java.util.List;
import java.util.Map;

/** The caller's identifier: the first of the given claims that is a non-blank string. */
final class SubjectClaims {

    /** {@code sub}, or for client-credentials tokens without one the client ({@code client_id}, {@code azp}). */
    static final List<String> DEFAULT = List.of("sub", "client_id", "azp");

    private SubjectClaims() {}

    static String first(Map<String, Object> json, List<String> claims) {
        for (String claim : claims) {
            if (json.get(claim) instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return "unknown";
    }
}
