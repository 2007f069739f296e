package com.example.resourceserver.auth.scope;

import com.example.resourceserver.domain.access.ScopeDecision;
import com.example.resourceserver.domain.access.ScopePolicy;
import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.caller.Scope;
import jakarta.inject.Singleton;

/**
 * The scope policy for access tokens: a use case's scope is satisfied only by the same scope among the
 * caller's scopes, compared exactly and case-sensitively. No wildcards or hierarchies:
 * {@code read:messages:all} does not satisfy {@code read:messages}, nor the other way round.
 *
 * <p>Where a provider's grants differ from the domain's scopes (Cognito's resource-server prefix, Entra app
 * roles, Keycloak client roles, configured aliases), {@link ScopeMapping} of this package turned them into
 * scopes once, when the caller was built from its verified token; so use cases ask one question whatever the
 * provider.
 */
@Singleton
public class GrantedScopePolicy implements ScopePolicy {

    @Override
    public ScopeDecision decide(Caller caller, Scope required) {
        return caller.isGranted(required) ? ScopeDecision.permitted() : ScopeDecision.missing(required);
    }
}
