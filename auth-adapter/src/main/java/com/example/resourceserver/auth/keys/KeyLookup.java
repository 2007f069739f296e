package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.jws.VerificationKey;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** The answer to "which keys may have signed a token with this header?" for one trusted issuer. */
public sealed interface KeyLookup {

    /** Only from {@link KeyAccess#CACHED_ONLY}: the keys are not in memory; look again with fetching allowed. */
    NotCached NOT_CACHED = new NotCached();

    /** The key set is available but holds no key matching the header (unknown {@code kid}, type or alg). */
    UnknownKey UNKNOWN_KEY = new UnknownKey();

    /**
     * Keys matching the header, each with the verifier built for it. Empty when keys matched but none
     * can verify here (such a token's signature is then simply invalid).
     */
    record Found(List<VerificationKey> keys) implements KeyLookup {
        public Found {
            keys = List.copyOf(keys);
        }
    }

    record NotCached() implements KeyLookup {}

    record UnknownKey() implements KeyLookup {}

    /** The key set cannot be obtained right now; {@code retryAfter} tells clients when to try again. */
    record Unavailable(Duration retryAfter) implements KeyLookup {
        public Unavailable {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
