package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.keys.IssuerKeys;
import com.example.resourceserver.auth.keys.KeyFetchObserver;
import com.example.resourceserver.auth.keys.TrustedKeySets;
import com.example.resourceserver.auth.token.VerifiedTokenCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.security.authentication.Authentication;
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
 *   <li>{@code verified_token_cache_requests_total{result}} and {@code verified_token_cache_size}.</li>
 * </ul>
 */
@Singleton
@Requires(beans = MeterRegistry.class)
public class AuthMetrics implements KeyFetchObserver, ApplicationEventListener<StartupEvent> {

    private final MeterRegistry registry;
    private final BeanProvider<TrustedKeySets> keySets;
    private final Clock clock;
    private final BeanProvider<VerifiedTokenCache<Authentication>> cache;

    public AuthMetrics(
            MeterRegistry registry,
            BeanProvider<TrustedKeySets> keySets,
            BeanProvider<VerifiedTokenCache<Authentication>> cache,
            Clock clock) {
        this.registry = registry;
        this.keySets = keySets;
        this.clock = clock;
        this.cache = cache;
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
        for (IssuerKeys keys : keySets.get().all()) {
            String issuer = keys.issuer().name();
            Gauge.builder(
                            "jwks.key.age",
                            keys,
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
            Gauge.builder("jwks.keys", keys, k -> k.status().keyCount())
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
            Gauge.builder("verified.token.cache.size", tokens, VerifiedTokenCache::size)
                    .description("Tokens in the verified-token cache")
                    .register(registry);
        });
    }
}
