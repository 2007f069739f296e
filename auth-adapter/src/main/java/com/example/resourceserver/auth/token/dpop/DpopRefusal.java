package com.example.resourceserver.auth.token.dpop;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;

/**
 * Why a DPoP proof (or the token it comes with) was refused. Each refusal is one of the domain's failure
 * reasons, which fix its error code ({@code invalid_dpop_proof}, or {@code invalid_token} for an unbound
 * token) and its description: a fixed text that never quotes the proof or the token.
 */
public enum DpopRefusal {
    TOO_LONG(Reason.DPOP_PROOF_TOO_LONG),
    MALFORMED(Reason.DPOP_PROOF_MALFORMED),
    DUPLICATE_MEMBER(Reason.DPOP_PROOF_DUPLICATE_MEMBER),
    WRONG_TYPE(Reason.DPOP_PROOF_WRONG_TYPE),
    DISALLOWED_ALGORITHM(Reason.DPOP_PROOF_DISALLOWED_ALGORITHM),
    UNSUPPORTED_CRITICAL_HEADER(Reason.DPOP_PROOF_UNSUPPORTED_CRITICAL_HEADER),
    MISSING_KEY(Reason.DPOP_PROOF_MISSING_KEY),
    PRIVATE_KEY(Reason.DPOP_PROOF_PRIVATE_KEY),
    UNUSABLE_KEY(Reason.DPOP_PROOF_UNUSABLE_KEY),
    BAD_SIGNATURE(Reason.DPOP_PROOF_BAD_SIGNATURE),
    MISSING_CLAIM(Reason.DPOP_PROOF_MISSING_CLAIM),
    INVALID_CLAIM(Reason.DPOP_PROOF_INVALID_CLAIM),
    METHOD_MISMATCH(Reason.DPOP_PROOF_METHOD_MISMATCH),
    URI_MISMATCH(Reason.DPOP_PROOF_URI_MISMATCH),
    ISSUED_TOO_LONG_AGO(Reason.DPOP_PROOF_ISSUED_TOO_LONG_AGO),
    ISSUED_IN_FUTURE(Reason.DPOP_PROOF_ISSUED_IN_FUTURE),
    ACCESS_TOKEN_HASH_MISMATCH(Reason.DPOP_PROOF_ACCESS_TOKEN_HASH_MISMATCH),
    KEY_NOT_BOUND_TO_TOKEN(Reason.DPOP_PROOF_KEY_NOT_BOUND_TO_TOKEN),
    REPLAYED(Reason.DPOP_PROOF_REPLAYED),
    TOKEN_NOT_BOUND(Reason.TOKEN_NOT_DPOP_BOUND);

    private final Reason reason;

    DpopRefusal(Reason reason) {
        this.reason = reason;
    }

    /** The failure reason to record for the web adapter to render and count. */
    public Reason reason() {
        return reason;
    }

    /** Fixed text for {@code error_description}: no token content, no quote or backslash. */
    public String description() {
        return reason.description();
    }
}
