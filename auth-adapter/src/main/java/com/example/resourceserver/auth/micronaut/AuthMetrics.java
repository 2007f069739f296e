package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.dpop.DpopOutcome;
import com.example.resourceserver.auth.issuer.Issuer;
import com.example.resourceserver.auth.issuer.Issuers;
import com.example.resourceserver.auth.keys.KeyFetchObserver;
import com.example.resourceserver.auth.pipeline.VerdictCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * Key and cache metrics. Labels are the issuer's configured name and fixed words only: never a kid,
 * a subject or a token, so cardinality stays bounded by configuration.
 * <ul>
 *   <li>{@code jwks_fetches_seconds{issuer,result}}: every fetch attempt (discovery included), timed;</li>
 *   <li>{@code jwks_key_age_seconds{issuer}}: time since keys were last fetched successfully (NaN before);</li>
 *   <li>{@code jwks_keys{issuer}}: signing keys in the last fetched set;</li>
 *   <li>{@code verified_token_cache_requests_total{result}} and {@code verified_token_cache_size};</li>
 *   <li>{@code dpop_proofs_total{result}}: DPoP proofs checked (refusals by reason: authentication outcomes).</li>
 * </ul>
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class AuthMetrics implements KeyFetchObserver, ApplicationEventListener<StartupEvent> {

    private final MeterRegistry registry;
    private final BeanProvider<Issuers> issuers;
    private final Clock clock;
    private final BeanProvider<VerdictCache<Authentication>> cache;
    private final Counter proofsAccepted;
    private final Counter proofsRefused;
    private final Counter replayStoreUnavailable;

    public AuthMetrics(
            MeterRegistry registry,
            BeanProvider<Issuers> issuers,
            @Named("tokens") BeanProvider<VerdictCache<Authentication>> cache,
            Clock clock) {
        this.registry = registry;
        this.issuers = issuers;
        this.clock = clock;
        this.cache = cache;
        this.proofsAccepted = proofCounter("accepted");
        this.proofsRefused = proofCounter("refused");
        this.replayStoreUnavailable = proofCounter("replay_store_unavailable");
    }

    /** One DPoP proof checked. */
    void dpopOutcome(DpopOutcome outcome) {
        Counter counter = outcome instanceof DpopOutcome.Accepted
                ? proofsAccepted
                : outcome instanceof DpopOutcome.Refused ? proofsRefused : replayStoreUnavailable;
        counter.increment();
    }

    private Counter proofCounter(String result) {
        return Counter.builder("dpop.proofs")
                .description("DPoP proofs checked, by result (refusals by reason: authentication.outcomes)")
                .tag("result", result)
                .register(registry);
    }

    @Override
    public void fetched(TrustedIssuer issuer, boolean succeeded, Duration took) {
        Timer.builder("jwks.fetches")
                .description("Attempts to fetch an issuer's keys (discovery included)")
                .tag("issuer", issuer.name())
                .tag("result", succeeded ? "success" : "failure")
                .register(registry)
                .record(took);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        for (Issuer each : issuers.get().all()) {
            String issuer = each.name();
            Gauge.builder(
                            "jwks.key.age",
                            each.keys(),
                            k -> k.status()
                                    .lastSuccess()
                                    .map(at -> Duration.between(at, clock.instant())
                                                    .toMillis()
                                            / 1000.0)
                                    .orElse(Double.NaN))
                    .description("Seconds since the issuer's keys were last fetched successfully")
                    .baseUnit("seconds")
                    .tag("issuer", issuer)
                    .register(registry);
            Gauge.builder("jwks.keys", each.keys(), k -> k.status().keyCount())
                    .description("Signing keys in the issuer's last fetched key set")
                    .tag("issuer", issuer)
                    .register(registry);
        }
        cache.ifPresent(tokens -> {
            FunctionCounter.builder(
                            "verified.token.cache.requests",
                            tokens,
                            c -> c.stats().hitCount())
                    .description("Lookups in the verified-token cache")
                    .tag("result", "hit")
                    .register(registry);
            FunctionCounter.builder(
                            "verified.token.cache.requests",
                            tokens,
                            c -> c.stats().missCount())
                    .description("Lookups in the verified-token cache")
                    .tag("result", "miss")
                    .register(registry);
            Gauge.builder("verified.token.cache.size", tokens, VerdictCache::size)
                    .description("Tokens in the verified-token cache")
                    .register(registry);
        });
    }
}
