package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.config.JwksSettings;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.events.EventListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds one issuer's key source with Nimbus's {@link JWKSourceBuilder}, one layer per concern: the fetch
 * ({@link IssuerJwkSetSource}), our {@link FetchRateLimit}, then Nimbus's outage tolerance and its cache with
 * scheduled refresh-ahead. Nimbus's own rate limiter is off: ours replaces it below the outage layer.
 *
 * <p>The builder's product is unwrapped to its outermost {@link JWKSetSource}, which {@link IssuerKeys} asks
 * with the service's clock: so Nimbus's cache and our own snapshot judge freshness by one clock, not the
 * system clock and ours.
 */
final class KeySourceChain {

    private KeySourceChain() {}

    static JWKSetSource<SecurityContext> build(
            IssuerJwkSetSource fetch,
            JwksSettings settings,
            KeySetStatus status,
            EventListener<CachingJWKSetSource<SecurityContext>, SecurityContext> onRefresh,
            ExecutorService refreshExecutor,
            ScheduledExecutorService scheduler) {
        var rateLimited = new FetchRateLimit(
                fetch, settings.getMinRefreshInterval(), settings.getFetchTimeout(), status, System::nanoTime);
        var source = (JWKSetBasedJWKSource<SecurityContext>) JWKSourceBuilder.create(rateLimited)
                .cache(
                        settings.getCacheTtl().toMillis(),
                        settings.getFetchTimeout().toMillis())
                .refreshAheadCache(
                        settings.getRefreshAhead().toMillis(), onRefresh, refreshExecutor, false, scheduler, false)
                .rateLimited(false)
                .outageTolerant(settings.getStalePeriod().toMillis())
                .retrying(false)
                .build();
        return source.getJWKSetSource();
    }
}
