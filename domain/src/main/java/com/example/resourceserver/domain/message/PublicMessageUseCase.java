package com.example.resourceserver.domain.message;

/** Incoming port and its implementation: the message anyone may read. */
public final class PublicMessageUseCase {

    static final String MESSAGE = "Hello from a public endpoint! You don't need to be authenticated to see this.";

    public MessageOutcome.Delivered getMessage() {
        return new MessageOutcome.Delivered(MESSAGE);
    }
}
