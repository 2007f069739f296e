package com.example.resourceserver.auth.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.auth.dpop.ProofReplayStore.Use;
import com.example.resourceserver.auth.testing.RedisServer;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The shared replay store against a real redis-server on a loopback port. */
class RedisProofReplayStoreTest {

    /** Generous: the test machine may be heavily loaded, and a slow answer is UNKNOWN. */
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final Duration TTL = Duration.ofSeconds(60);

    private RedisServer redis;
    private RedisProofReplayStore store;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
        store = connected(new RedisProofReplayStore(redis.uri(), TIMEOUT, RedisProofReplayStore.DEFAULT_KEY_PREFIX));
    }

    @AfterEach
    void stopRedis() {
        store.close();
        redis.close();
    }

    @Test
    void aKeyIsFirstOnceAndRepeatedAfterwards() {
        ProofReplayKey key = freshKey();
        assertEquals(Use.FIRST, answer(store.recordIfAbsent(key, TTL)));
        assertEquals(Use.REPEATED, answer(store.recordIfAbsent(key, TTL)));
        assertEquals(Use.FIRST, answer(store.recordIfAbsent(freshKey(), TTL)));
    }

    @Test
    void aKeyRecordedThroughOneInstanceIsRepeatedThroughAnother() {
        try (RedisProofReplayStore otherReplica =
                connected(new RedisProofReplayStore(redis.uri(), TIMEOUT, RedisProofReplayStore.DEFAULT_KEY_PREFIX))) {
            ProofReplayKey key = freshKey();
            assertEquals(Use.FIRST, answer(store.recordIfAbsent(key, TTL)));
            assertEquals(Use.REPEATED, answer(otherReplica.recordIfAbsent(key, TTL)));

            ProofReplayKey other = freshKey();
            assertEquals(Use.FIRST, answer(otherReplica.recordIfAbsent(other, TTL)));
            assertEquals(Use.REPEATED, answer(store.recordIfAbsent(other, TTL)));
        }
    }

    @Test
    void anEntryExpiresAfterItsTtl() {
        ProofReplayKey key = freshKey();
        assertEquals(Use.FIRST, answer(store.recordIfAbsent(key, Duration.ofMillis(100))));
        assertEquals(Use.REPEATED, answer(store.recordIfAbsent(key, Duration.ofMillis(100))));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Use use;
        do {
            use = answer(store.recordIfAbsent(key, Duration.ofMillis(100)));
        } while (use == Use.REPEATED && System.nanoTime() < deadline);
        assertEquals(Use.FIRST, use, "Redis forgets the key once its PX has passed");
    }

    @Test
    void whenRedisStopsTheStoreSaysUnknownWithinItsTimeoutAndRecoversWhenRedisIsBack() {
        assertEquals(Use.FIRST, answer(store.recordIfAbsent(freshKey(), TTL)));

        redis.stop();
        long start = System.nanoTime();
        Use use = answer(store.recordIfAbsent(freshKey(), TTL));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(Use.UNKNOWN, use, "never FIRST when the store cannot be asked");
        // Bounded (Lettuce's defaults would queue the command until Redis returns): rejected at once, or at
        // worst after the store's timeout, plus scheduling slack on a loaded machine.
        assertTrue(took.compareTo(TIMEOUT.plusSeconds(2)) < 0, "answered within the timeout, took " + took);
        assertEquals(false, store.isReachable().toCompletableFuture().join());

        redis.restart();
        ProofReplayKey key = freshKey();
        assertEquals(Use.FIRST, untilKnown(() -> store.recordIfAbsent(key, TTL)), "the store reconnects by itself");
        assertEquals(Use.REPEATED, answer(store.recordIfAbsent(key, TTL)));
    }

    @Test
    void aStoreCreatedWhileRedisIsDownSaysUnknownAndWorksOnceRedisIsUp() {
        redis.stop();
        try (RedisProofReplayStore early =
                new RedisProofReplayStore(redis.uri(), TIMEOUT, RedisProofReplayStore.DEFAULT_KEY_PREFIX)) {
            assertEquals(Use.UNKNOWN, answer(early.recordIfAbsent(freshKey(), TTL)));
            redis.restart();
            ProofReplayKey key = freshKey();
            assertEquals(
                    Use.FIRST, untilKnown(() -> early.recordIfAbsent(key, TTL)), "the store connects once Redis is up");
            assertEquals(Use.REPEATED, answer(early.recordIfAbsent(key, TTL)));
            assertEquals(true, early.isReachable().toCompletableFuture().join());
        }
    }

    @Test
    void aStoreWithAnotherPrefixDoesNotSeeTheKeys() {
        try (RedisProofReplayStore otherService =
                connected(new RedisProofReplayStore(redis.uri(), TIMEOUT, "other:"))) {
            ProofReplayKey key = freshKey();
            assertEquals(Use.FIRST, answer(store.recordIfAbsent(key, TTL)));
            assertEquals(Use.FIRST, answer(otherService.recordIfAbsent(key, TTL)));
        }
    }

    /** Waits (at most 30 s) until the store's first connection is up, as readiness would before traffic. */
    private static RedisProofReplayStore connected(RedisProofReplayStore store) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!store.isReachable().toCompletableFuture().join()) {
            assertTrue(System.nanoTime() < deadline, "the store did not connect to Redis within 30 s");
        }
        return store;
    }

    private static ProofReplayKey freshKey() {
        return ProofReplayKey.of(
                "thumbprint", "https://api.example.com/", UUID.randomUUID().toString());
    }

    /** Bounded: the store promises an answer within its timeout. */
    private static Use answer(CompletionStage<Use> stage) {
        return stage.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }

    /** Asks again while the store cannot tell, for at most 30 seconds. */
    private static Use untilKnown(Supplier<CompletionStage<Use>> ask) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Use use;
        do {
            use = answer(ask.get());
        } while (use == Use.UNKNOWN && System.nanoTime() < deadline);
        return use;
    }
}
