package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.dpop.ProofReplayStore;
import com.example.resourceserver.auth.dpop.RedisProofReplayStore;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Readiness detail for the DPoP replay store: which store, and for Redis whether it answers a PING within
 * the store's timeout. The status stays UP while Redis is down, on purpose: every replica shares the same
 * Redis, so taking them all out of rotation would also refuse the bearer requests, which do not need it;
 * DPoP requests meanwhile get 503 with {@code Retry-After}, and {@code dpop_proofs_total{result=
 * "replay_store_unavailable"}} counts them.
 */
@Singleton
@Readiness
public class DpopReplayStoreReadinessIndicator implements HealthIndicator {

    static final String NAME = "dpopReplayStore";

    private final ProofReplayStore store;

    public DpopReplayStoreReadinessIndicator(ProofReplayStore store) {
        this.store = store;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        if (!(store instanceof RedisProofReplayStore redis)) {
            return Mono.just(result(Map.of("store", "memory")));
        }
        return Mono.fromCompletionStage(redis.isReachable())
                .map(reachable -> result(Map.of("store", "redis", "reachable", reachable)));
    }

    private static HealthResult result(Map<String, Object> details) {
        return HealthResult.builder(NAME, HealthStatus.UP).details(details).build();
    }
}
