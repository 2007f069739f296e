package com.example.resourceserver.auth.keys;

import java.time.Instant;
import java.util.Optional;

/**
 * What is known about one issuer's key set, for the 503 decision, readiness and metrics.
 * Written by the fetching thread, read by any; each field is independently volatile, which is
 * enough for monitoring and for the "did the last attempt fail" question.
 */
public final class KeySetStatus {

    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;
    private volatile String lastFailureReason;
    private volatile boolean lastAttemptFailed;
    private volatile int keyCount;

    void recordSuccess(Instant at, int keys) {
        lastSuccess = at;
        keyCount = keys;
        lastAttemptFailed = false;
    }

    void recordFailure(Instant at, String reason) {
        lastFailure = at;
        lastFailureReason = reason;
        lastAttemptFailed = true;
    }

    /** When keys were last fetched successfully; empty until the first success. */
    public Optional<Instant> lastSuccess() {
        return Optional.ofNullable(lastSuccess);
    }

    public Optional<Instant> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /** Why the last failed attempt failed, in words safe for logs and health details (no secrets). */
    public Optional<String> lastFailureReason() {
        return Optional.ofNullable(lastFailureReason);
    }

    public boolean lastAttemptFailed() {
        return lastAttemptFailed;
    }

    /** Number of usable signing keys in the last fetched set. */
    public int keyCount() {
        return keyCount;
    }
}
