package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.introspection.IntrospectionObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Introspection metrics; labels are the issuer's configured name and fixed words, never a token:
 * <ul>
 *   <li>{@code token_introspections_seconds{issuer,outcome}}: every call to an endpoint, timed; outcome is
 *       active, inactive, expired, wrong_issuer, wrong_audience, invalid_claims (answers), or timeout,
 *       io_error, redirect, error_status, too_large, invalid_answer, discovery_failed (failures, 503), and for
 *       RFC 9701 signed answers unsigned_answer, answer_encrypted, answer_malformed, answer_wrong_algorithm,
 *       answer_wrong_type, answer_unknown_key, keys_unavailable, answer_bad_signature, answer_wrong_issuer,
 *       answer_wrong_audience, answer_wrong_time (failures, 503);</li>
 *   <li>{@code token_introspection_cache_requests_total{result}}: hit (answer remembered or under way) or miss.</li>
 * </ul>
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class IntrospectionMetrics implements IntrospectionObserver {

    private final MeterRegistry registry;
    private final Counter hits;
    private final Counter misses;

    public IntrospectionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.hits = cacheCounter("hit");
        this.misses = cacheCounter("miss");
    }

    @Override
    public void called(String issuer, String outcome, Duration took) {
        Timer.builder("token.introspections")
                .description("Calls to an issuer's introspection endpoint, by outcome")
                .tag("issuer", issuer)
                .tag("outcome", outcome)
                .register(registry)
                .record(took);
    }

    @Override
    public void looked(boolean hit) {
        (hit ? hits : misses).increment();
    }

    private Counter cacheCounter(String result) {
        return Counter.builder("token.introspection.cache.requests")
                .description("Lookups in the introspection cache")
                .tag("result", result)
                .register(registry);
    }
}
