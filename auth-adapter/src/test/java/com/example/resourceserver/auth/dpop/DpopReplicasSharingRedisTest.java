package com.example.resourceserver.auth.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.testing.RedisServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two verifiers (two replicas) with their own Redis clients, sharing one real redis-server. */
class DpopReplicasSharingRedisTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final String URI = "https://api.example.com/orders/42";
    private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    @Test
    void aProofAcceptedByOneReplicaIsRefusedByTheOtherAndAnOutageIsNeverAnAcceptance() throws JOSEException {
        ECKey key = TestKeys.ec("client");
        String jkt = key.computeThumbprint().toString();
        ProofRules rules = new ProofRules(Set.of(JWSAlgorithm.ES256), Duration.ofSeconds(60), Duration.ofSeconds(10));
        try (RedisServer redis = RedisServer.start();
                RedisProofReplayStore storeA = connected(new RedisProofReplayStore(redis.uri(), TIMEOUT, "dpop:"));
                RedisProofReplayStore storeB = connected(new RedisProofReplayStore(redis.uri(), TIMEOUT, "dpop:"))) {
            DpopProofVerifier replicaA = new DpopProofVerifier(rules, storeA, new JwsReader());
            DpopProofVerifier replicaB = new DpopProofVerifier(rules, storeB, new JwsReader());

            String proof = Proofs.fromFactory(
                    key, JWSAlgorithm.ES256, UUID.randomUUID().toString(), "GET", URI, NOW, TOKEN);
            assertEquals(new DpopOutcome.Accepted(jkt), join(replicaA.verify(proof, "GET", URI, TOKEN, jkt, NOW)));
            assertEquals(
                    new DpopOutcome.Refused(Reason.DPOP_PROOF_REPLAYED),
                    join(replicaB.verify(proof, "GET", URI, TOKEN, jkt, NOW)));

            redis.stop();
            String fresh = Proofs.fromFactory(
                    key, JWSAlgorithm.ES256, UUID.randomUUID().toString(), "GET", URI, NOW, TOKEN);
            long start = System.nanoTime();
            assertEquals(
                    new DpopOutcome.ReplayStoreUnavailable(),
                    join(replicaA.verify(fresh, "GET", URI, TOKEN, jkt, NOW)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(TIMEOUT.plusSeconds(2)) < 0, "bounded by the store's timeout, took " + took);

            // A proof the store could not check was not used up: once Redis is back, it is accepted once.
            redis.restart();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            DpopOutcome outcome;
            do {
                outcome = join(replicaB.verify(fresh, "GET", URI, TOKEN, jkt, NOW));
            } while (outcome instanceof DpopOutcome.ReplayStoreUnavailable && System.nanoTime() < deadline);
            assertInstanceOf(DpopOutcome.Accepted.class, outcome);
            // Replica A reconnects on its own schedule: until it has, it may only say "cannot tell".
            do {
                outcome = join(replicaA.verify(fresh, "GET", URI, TOKEN, jkt, NOW));
            } while (outcome instanceof DpopOutcome.ReplayStoreUnavailable && System.nanoTime() < deadline);
            assertEquals(new DpopOutcome.Refused(Reason.DPOP_PROOF_REPLAYED), outcome);
        }
    }

    private static RedisProofReplayStore connected(RedisProofReplayStore store) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!store.isReachable().toCompletableFuture().join()) {
            assertTrue(System.nanoTime() < deadline, "the store did not connect to Redis within 30 s");
        }
        return store;
    }

    private static DpopOutcome join(java.util.concurrent.CompletionStage<DpopOutcome> outcome) {
        return outcome.toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join();
    }
}
