package com.example.resourceserver.auth.issuer;

import com.example.resourceserver.domain.caller.AuthenticationFailure;
import java.util.Objects;

/**
 * An issuer's verdict on one token: verified, or rejected with a typed reason; or, when asked not to fetch
 * keys, the answer that the keys it needs are not in memory.
 */
public sealed interface Verification {

    /** Only from {@link com.example.resourceserver.auth.keys.KeyAccess#CACHED_ONLY}: verify again with fetching allowed. */
    KeysNotCached KEYS_NOT_CACHED = new KeysNotCached();

    record KeysNotCached() implements Verification {}

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
