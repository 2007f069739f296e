package com.example.resourceserver.auth.introspection;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What one introspection call came to. */
public sealed interface IntrospectionAnswer {

    /** The metric label of this answer. */
    String outcome();

    /**
     * {@code active: true}, its members checked ({@link IntrospectionClaims}).
     *
     * @param claims    the answer's members, read-only; whom they name is the issuer's to say
     * @param expiresAt its {@code exp}, if the answer had one
     * @param weight    rough size in memory, for the verdict cache's byte bound
     */
    record Active(Map<String, Object> claims, Optional<Instant> expiresAt, long weight) implements IntrospectionAnswer {
        @Override
        public String outcome() {
            return "active";
        }
    }

    /** {@code active: false}, or an active answer this service cannot accept (wrong issuer, audience, types). */
    record Refused(Reason reason, String outcome) implements IntrospectionAnswer {}

    /** The endpoint could not be asked or gave no usable answer: 503, never remembered. */
    record Unavailable(String outcome) implements IntrospectionAnswer {}
}
