package com.example.resourceserver.domain.message;

import com.example.resourceserver.domain.access.ScopeDecision;
import com.example.resourceserver.domain.access.ScopePolicy;
import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.caller.Scope;
import java.util.Objects;

/** The message for authenticated callers granted {@value #REQUIRED_SCOPE_VALUE}. */
public final class PrivateScopedMessageUseCase {

    static final String REQUIRED_SCOPE_VALUE = "read:messages";
    public static final Scope REQUIRED_SCOPE = Scope.of(REQUIRED_SCOPE_VALUE);

    static final String MESSAGE = "Hello from a private endpoint! You need to be authenticated and have a "
            + "scope of read:messages to see this.";

    private final ScopePolicy scopePolicy;

    public PrivateScopedMessageUseCase(ScopePolicy scopePolicy) {
        this.scopePolicy = Objects.requireNonNull(scopePolicy, "scopePolicy");
    }

    public MessageOutcome getMessage(Caller caller) {
        Objects.requireNonNull(caller, "an authenticated caller is required");
        ScopeDecision decision = scopePolicy.decide(caller, REQUIRED_SCOPE);
        if (decision instanceof ScopeDecision.Missing missing) {
            return new MessageOutcome.MissingScope(missing.scope());
        }
        return new MessageOutcome.Delivered(MESSAGE);
    }
}
