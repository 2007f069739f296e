package com.example.resourceserver.auth.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.resourceserver.auth.dpop.ProofReplayStore.Use;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class InMemoryProofReplayStoreTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    private static ProofReplayKey key(String jti) {
        return ProofReplayKey.of("thumbprint", "https://api.example.com/", jti);
    }

    private static Use record(InMemoryProofReplayStore store, String jti, Duration ttl) {
        return store.recordIfAbsent(key(jti), ttl).toCompletableFuture().join();
    }

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    @Test
    void aKeyIsFirstOnceAndRepeatedUntilItsTtlHasPassed() {
        InMemoryProofReplayStore store = new InMemoryProofReplayStore(10, ticker);
        assertEquals(Use.FIRST, record(store, "a", Duration.ofSeconds(70)));
        advance(Duration.ofSeconds(69));
        assertEquals(Use.REPEATED, record(store, "a", Duration.ofSeconds(70)));
        advance(Duration.ofSeconds(1));
        assertEquals(Use.FIRST, record(store, "a", Duration.ofSeconds(70)), "forgotten once its time is up");
    }

    @Test
    void eachEntryKeepsItsOwnTtl() {
        InMemoryProofReplayStore store = new InMemoryProofReplayStore(10, ticker);
        record(store, "short", Duration.ofSeconds(5));
        record(store, "long", Duration.ofSeconds(50));
        advance(Duration.ofSeconds(6));
        assertEquals(1, store.size());
        assertEquals(Use.REPEATED, record(store, "long", Duration.ofSeconds(50)));
        assertEquals(Use.FIRST, record(store, "short", Duration.ofSeconds(5)));
    }

    @Test
    void whenFullItCannotTellRatherThanEvictALiveEntry() {
        InMemoryProofReplayStore store = new InMemoryProofReplayStore(3, ticker);
        for (String jti : new String[] {"a", "b", "c"}) {
            assertEquals(Use.FIRST, record(store, jti, Duration.ofSeconds(60)));
        }
        assertEquals(Use.UNKNOWN, record(store, "d", Duration.ofSeconds(60)));
        assertEquals(Use.REPEATED, record(store, "a", Duration.ofSeconds(60)), "no live entry was evicted");
        assertEquals(3, store.size());

        advance(Duration.ofSeconds(60));
        assertEquals(Use.FIRST, record(store, "d", Duration.ofSeconds(60)), "expired entries make room");
    }

    @Test
    void aTtlMustBePositive() {
        InMemoryProofReplayStore store = new InMemoryProofReplayStore(3, ticker);
        assertThrows(IllegalArgumentException.class, () -> store.recordIfAbsent(key("a"), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new InMemoryProofReplayStore(0));
    }
}
