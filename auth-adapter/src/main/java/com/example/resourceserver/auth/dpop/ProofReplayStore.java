package com.example.resourceserver.auth.dpop;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Remembers which DPoP proofs were used (RFC 9449 §11.1), for as long as a proof could still be accepted.
 * Asynchronous because a shared store answers over the network: the stage completes within the store's
 * own bounded timeout, with {@link Use#UNKNOWN} rather than an exception when the store cannot answer.
 */
public interface ProofReplayStore extends AutoCloseable {

    /** What the store knew about a key when asked to record it. */
    enum Use {
        /** Not seen before; now recorded for the given time. */
        FIRST,
        /** Recorded earlier and not yet expired: a replay. */
        REPEATED,
        /** The store could not answer (unreachable, too slow, full): neither first nor repeated is known. */
        UNKNOWN
    }

    /** Records {@code key} for {@code ttl} if it is absent, atomically, and says whether it was there. */
    CompletionStage<Use> recordIfAbsent(ProofReplayKey key, Duration ttl);

    /** Releases what the store holds open (a connection); nothing by default. */
    @Override
    default void close() {}
}
