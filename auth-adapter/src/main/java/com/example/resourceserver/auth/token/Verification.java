package com.example.resourceserver.auth.token;

import com.example.resourceserver.domain.caller.AuthenticationFailure;

import java.util.Objects;

/** The verdict on one bearer token: verified, or rejected with a typed reason. */
public sealed interface Verification {

    record Verified(VerifiedToken token) implements Verification {
        public Verified {
            Objects.requireNonNull(token, "token");
        }
    }

    record Rejected(AuthenticationFailure failure) implements Verification {
        public Rejected {
            Objects.requireNonNull(failure, "failure");
        }
    }

    static Rejected rejected(AuthenticationFailure.Reason reason) {
        return new Rejected(AuthenticationFailure.of(reason));
    }
}
