package com.example.resourceserver.domain.caller;

import java.util.Set;

/**
 * Who is calling, as the domain sees it: a subject and the scopes the caller was granted.
 * It knows nothing of tokens or HTTP; an adapter builds it from a verified access token.
 *
 * @param subject       the caller's identifier (the token's {@code sub}, or the client for
 *                      machine-to-machine tokens); never blank
 * @param grantedScopes every scope granted to the caller; immutable
 */
public record Caller(String subject, Set<Scope> grantedScopes) {

    /** The name under which adapters carry the Caller alongside the request it made (as a request attribute). */
    public static final String ATTRIBUTE = "resourceserver.caller";

    public Caller {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("A caller needs a subject");
        }
        grantedScopes = Set.copyOf(grantedScopes);
    }

    public boolean isGranted(Scope scope) {
        return grantedScopes.contains(scope);
    }
}
