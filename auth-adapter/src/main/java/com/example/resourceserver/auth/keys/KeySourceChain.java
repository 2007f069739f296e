package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.config.JwksSettings;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.events.EventListener;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds one issuer's key source, one layer per concern: the fetch ({@link IssuerJwkSetSource} over a
 * {@link SameOriginRetriever}), our {@link FetchRateLimit}, then Nimbus's outage tolerance and its cache
 * with scheduled refresh-ahead. Nimbus's own rate limiter is off: ours replaces it below the outage layer.
 */
final class KeySourceChain {

    private KeySourceChain() {}

    static JWKSource<SecurityContext> build(
            TrustedIssuer issuer,
            JwksSettings settings,
            boolean insecureHttpAllowed,
            KeySetStatus status,
            Clock clock,
            KeyFetchObserver observer,
            EventListener<CachingJWKSetSource<SecurityContext>, SecurityContext> onRefresh,
            ExecutorService refreshExecutor,
            ScheduledExecutorService scheduler) {
        int timeoutMillis = Math.toIntExact(settings.getFetchTimeout().toMillis());
        var retriever = new SameOriginRetriever(timeoutMillis, timeoutMillis, settings.getSizeLimitBytes());
        var bottom = new IssuerJwkSetSource(issuer, retriever, insecureHttpAllowed, status, clock, observer);
        var rateLimited = new FetchRateLimit(
                bottom, settings.getMinRefreshInterval(), settings.getFetchTimeout(), status, System::nanoTime);
        return JWKSourceBuilder.create(rateLimited)
                .cache(
                        settings.getCacheTtl().toMillis(),
                        settings.getFetchTimeout().toMillis())
                .refreshAheadCache(
                        settings.getRefreshAhead().toMillis(), onRefresh, refreshExecutor, false, scheduler, false)
                .rateLimited(false)
                .outageTolerant(settings.getStalePeriod().toMillis())
                .retrying(false)
                .build();
    }
}
