package com.example.resourceserver.domain.message;

import com.example.resourceserver.domain.caller.Scope;
import java.util.Objects;

/** What a message use case answers: the message, or a denial naming the missing scope. */
public sealed interface MessageOutcome {

    record Delivered(String message) implements MessageOutcome {
        public Delivered {
            Objects.requireNonNull(message, "message");
        }
    }

    record MissingScope(Scope scope) implements MessageOutcome {
        public MissingScope {
            Objects.requireNonNull(scope, "scope");
        }
    }
}
