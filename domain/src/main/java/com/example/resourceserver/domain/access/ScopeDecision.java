package com.example.resourceserver.domain.access;

import com.example.resourceserver.domain.caller.Scope;
import java.util.Objects;

/** The answer of a {@link ScopePolicy}: permitted, or denied because one named scope is missing. */
public sealed interface ScopeDecision {

    Permitted PERMITTED = new Permitted();

    static ScopeDecision permitted() {
        return PERMITTED;
    }

    static ScopeDecision missing(Scope scope) {
        return new Missing(scope);
    }

    record Permitted() implements ScopeDecision {}

    record Missing(Scope scope) implements ScopeDecision {
        public Missing {
            Objects.requireNonNull(scope, "scope");
        }
    }
}
