package com.example.resourceserver.domain.message;

import com.example.resourceserver.domain.caller.Caller;
import java.util.Objects;

/** The message for any authenticated caller, whatever its scopes. */
public final class PrivateMessageUseCase {

    static final String MESSAGE = "Hello from a private endpoint! You need to be authenticated to see this.";

    public MessageOutcome.Delivered getMessage(Caller caller) {
        Objects.requireNonNull(caller, "an authenticated caller is required");
        return new MessageOutcome.Delivered(MESSAGE);
    }
}
