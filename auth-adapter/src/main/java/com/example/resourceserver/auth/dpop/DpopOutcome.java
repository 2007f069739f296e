package com.example.resourceserver.auth.dpop;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;

/** The verdict on one request's DPoP proof. */
public sealed interface DpopOutcome {

    /** Every RFC 9449 §4.3 check passed and the proof is now used up; {@code thumbprint} is its key's RFC 7638 SHA-256 thumbprint. */
    record Accepted(String thumbprint) implements DpopOutcome {}

    /** The proof (or the token's binding) fails a check: a 401 with the reason's error code and description. */
    record Refused(Reason reason) implements DpopOutcome {}

    /**
     * The proof passed every other check, but whether it was used before cannot be known now (the replay
     * store did not answer in time, or is full): a 503, never an acceptance.
     */
    record ReplayStoreUnavailable() implements DpopOutcome {}
}
