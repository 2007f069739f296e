package com.example.resourceserver.auth.token.profile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads granted values from claims: a space-delimited string (RFC 9068 {@code scope}, Entra {@code scp}) or a
 * JSON array of strings (Auth0 {@code permissions}, Okta {@code scp}, Entra {@code roles}, Keycloak roles; some
 * servers send {@code scope} as an array). Claims of another JSON type grant nothing; they do not fail the token.
 */
final class GrantClaims {

    private GrantClaims() {}

    static Set<String> of(Map<String, Object> json, List<String> claims) {
        Set<String> grants = new LinkedHashSet<>();
        for (String claim : claims) {
            addValues(json.get(claim), grants);
        }
        return grants;
    }

    static void addValues(Object value, Set<String> grants) {
        if (value instanceof String text) {
            for (String part : text.split(" ")) {
                if (!part.isEmpty()) {
                    grants.add(part);
                }
            }
        } else if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof String text) {
                    grants.add(text);
                }
            }
        }
    }
}
