package com.example.resourceserver.auth.token;

import com.example.resourceserver.domain.caller.Scope;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scopes a token grants: the union of {@code scope} (RFC 8693/9068, a space-delimited string; some
 * servers send an array), {@code scp} (Okta, Entra ID: string or array) and {@code permissions}
 * (Auth0 RBAC: array). Values that are not scope tokens (RFC 6749 §3.3) and claims of another JSON
 * type grant nothing; they do not fail the token.
 */
final class ScopeClaims {

    static final List<String> CLAIMS = List.of("scope", "scp", "permissions");

    private ScopeClaims() {
    }

    static Set<Scope> granted(Map<String, Object> claims) {
        Set<Scope> scopes = new HashSet<>();
        for (String claim : CLAIMS) {
            Object value = claims.get(claim);
            if (value instanceof String text) {
                addSpaceDelimited(text, scopes);
            } else if (value instanceof List<?> list) {
                for (Object item : list) {
                    if (item instanceof String text && Scope.isValid(text)) {
                        scopes.add(new Scope(text));
                    }
                }
            }
        }
        return scopes;
    }

    private static void addSpaceDelimited(String text, Set<Scope> scopes) {
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf(' ', start);
            if (end < 0) {
                end = length;
            }
            if (end > start) {
                String token = text.substring(start, end);
                if (Scope.isValid(token)) {
                    scopes.add(new Scope(token));
                }
            }
            start = end + 1;
        }
    }
}
