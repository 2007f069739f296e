package com.example.resourceserver.app.recipe;

import com.example.resourceserver.domain.access.ScopeDecision;
import com.example.resourceserver.domain.access.ScopePolicy;
import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.caller.Scope;
import com.example.resourceserver.domain.message.MessageOutcome;
import java.util.Objects;

/**
 * Step 1 of docs/add-a-route.md, test-only: a use case that knows its own scope and asks the
 * {@link ScopePolicy} port. In a real change it lives in {@code domain} (package {@code domain.message}),
 * with only {@code java.*} and domain imports, exactly like this.
 */
public final class ArchiveMessageUseCase {

    public static final Scope REQUIRED_SCOPE = Scope.of("read:archive");

    static final String MESSAGE = "The archive, for access tokens granted read:archive.";

    private final ScopePolicy scopePolicy;

    public ArchiveMessageUseCase(ScopePolicy scopePolicy) {
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
