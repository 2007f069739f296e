package com.example.resourceserver.auth.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits for something the test can observe (a status, a request count) instead of sleeping for a
 * guessed time: checks every {@value #INTERVAL_MILLIS} ms, and looks one last time once the bound has
 * passed, so a poll is at least as strict as a sleep of the same length.
 */
public final class Poll {

    static final long INTERVAL_MILLIS = 100;

    private Poll() {}

    /**
     * Calls {@code probe} until {@code done} accepts its value or {@code bound} has passed, and returns
     * the last value: the caller asserts on it, so a failure shows what was seen last.
     */
    public static <T> T until(Supplier<T> probe, Predicate<? super T> done, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            T value = probe.get();
            long left = deadline - System.nanoTime();
            if (done.test(value) || left <= 0) {
                return value;
            }
            sleep(Math.min(INTERVAL_MILLIS, Math.max(1, left / 1_000_000)));
        }
    }

    /** Waits until {@code condition} holds; fails naming {@code what} once {@code bound} has passed. */
    public static void until(String what, BooleanSupplier condition, Duration bound) {
        if (!until(condition::getAsBoolean, Boolean::booleanValue, bound)) {
            throw new AssertionError("waited " + bound.toMillis() + " ms for " + what + ", in vain");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
