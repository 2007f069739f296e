package com.example.resourceserver.auth.token.introspection;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;

/** What one introspection call came to, as remembered by the cache (unavailable answers are not). */
sealed interface IntrospectionAnswer {

    /** The metric label of this answer. */
    String outcome();

    /** Rough size in memory, for the cache's byte bound. */
    long weight();

    record Active(IntrospectedToken token, long weight) implements IntrospectionAnswer {
        @Override
        public String outcome() {
            return "active";
        }
    }

    /** {@code active: false}, or an active answer this service cannot accept (wrong issuer, audience, types). */
    record Refused(Reason reason, String outcome) implements IntrospectionAnswer {
        @Override
        public long weight() {
            return 64;
        }
    }

    /** The endpoint could not be asked or gave no usable answer: 503, never remembered. */
    record Unavailable(String outcome) implements IntrospectionAnswer {
        @Override
        public long weight() {
            return 64;
        }
    }
}
