package com.example.resourceserver.auth.token.dpop;

/** Ends proof verification with a typed reason; without a stack trace, since it is a verdict, not a defect. */
final class ProofRefused extends Exception {

    private final DpopRefusal reason;

    ProofRefused(DpopRefusal reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    DpopRefusal reason() {
        return reason;
    }
}
