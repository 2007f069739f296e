package com.example.resourceserver.auth.dpop;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;

/** Ends proof verification with a typed reason; without a stack trace, since it is a verdict, not a defect. */
final class ProofRefused extends Exception {

    private final Reason reason;

    ProofRefused(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
