package com.example.resourceserver.auth.scope;

import com.example.resourceserver.domain.access.ScopeDecision;
import com.example.resourceserver.domain.access.ScopePolicy;
import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.caller.Scope;
import jakarta.inject.Singleton;

/**
 * The scope policy for access tokens: a use case's scope is satisfied only by the same scope among the
 * caller's grants (the union of {@code scope}, {@code scp} and {@code permissions}), compared exactly
 * and case-sensitively. No prefixes, wildcards or hierarchies: {@code read:messages:all} does not
 * satisfy {@code read:messages}, nor the other way round.
 */
@Singleton
public class GrantedScopePolicy implements ScopePolicy {

    @Override
    public ScopeDecision decide(Caller caller, Scope required) {
        return caller.isGranted(required) ? ScopeDecision.permitted() : ScopeDecision.missing(required);
    }
}
