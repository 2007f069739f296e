package com.example.resourceserver.auth.token;

import com.example.resourceserver.domain.caller.AuthenticationFailure;

/**
 * Ends verification with a typed failure. Without a stack trace: it is a verdict, not a defect, and a
 * flood of bad tokens must not pay for stack walking.
 */
final class TokenRejected extends Exception {

    private final transient AuthenticationFailure failure;

    TokenRejected(AuthenticationFailure failure) {
        super(failure.reason().name(), null, false, false);
        this.failure = failure;
    }

    TokenRejected(AuthenticationFailure.Reason reason) {
        this(AuthenticationFailure.of(reason));
    }

    AuthenticationFailure failure() {
        return failure;
    }
}
