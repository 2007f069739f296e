package com.example.resourceserver.auth.token;

import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.domain.caller.Scope;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns an issuer's grants, as its provider profile read them, into the domain's scopes. The mapping itself
 * (prefixes, aliases) belongs to the scope package beside the scope policy; the glue hands it in here, so
 * that token verification does not depend on the scope package.
 */
@FunctionalInterface
public interface GrantedScopes {

    /** Each grant that is a valid scope token is the scope of the same value. */
    GrantedScopes AS_GRANTED = (issuer, grants) -> {
        Set<Scope> scopes = new HashSet<>();
        for (String grant : grants) {
            if (Scope.isValid(grant)) {
                scopes.add(new Scope(grant));
            }
        }
        return scopes;
    };

    Set<Scope> of(TrustedIssuer issuer, Set<String> grants);
}
