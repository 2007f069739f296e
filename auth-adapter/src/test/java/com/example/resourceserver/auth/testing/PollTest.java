package com.example.resourceserver.auth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PollTest {

    @Test
    void returnsAsSoonAsTheValueIsAccepted() {
        AtomicInteger calls = new AtomicInteger();
        long start = System.nanoTime();

        int value = Poll.until(calls::incrementAndGet, v -> v == 3, Duration.ofSeconds(10));

        assertEquals(3, value);
        assertEquals(3, calls.get());
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void afterTheBoundItReturnsTheLastValueSeenAtOrAfterTheBound() {
        long start = System.nanoTime();

        long lastSeenAt = Poll.until(System::nanoTime, v -> false, Duration.ofMillis(300));

        assertTrue(
                lastSeenAt - start >= Duration.ofMillis(300).toNanos(),
                "the last look comes once the bound has passed");
    }

    @Test
    void aZeroBoundStillLooksOnce() {
        assertEquals("seen", Poll.until(() -> "seen", v -> false, Duration.ZERO));
    }

    @Test
    void aConditionThatNeverHoldsFailsNamingWhatWasAwaited() {
        AssertionError failure = assertThrows(
                AssertionError.class, () -> Poll.until("the impossible", () -> false, Duration.ofMillis(150)));

        assertEquals("waited 150 ms for the impossible, in vain", failure.getMessage());
    }
}
