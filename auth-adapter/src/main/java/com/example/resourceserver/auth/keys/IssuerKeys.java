package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.events.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;

/**
 * One trusted issuer's signing keys: a Nimbus {@link JWKSourceBuilder} chain over
 * {@link IssuerJwkSetSource} (cache with scheduled refresh-ahead, rate-limited refetch on an unknown
 * {@code kid}, single fetch in flight, stale keys kept through an outage), plus a verifier per key so
 * that public-key conversion happens once per key, not once per request.
 */
public final class IssuerKeys implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerKeys.class);
    private static final JWKSelector ANY_KEY = new JWKSelector(new JWKMatcher.Builder().build());

    private final TrustedIssuer issuer;
    private final KeySetStatus status = new KeySetStatus();
    private final JWKSource<SecurityContext> source;
    private final Duration retryAfter;
    private final long cacheTtlMillis;
    private final long stalePeriodMillis;
    private final Clock clock;
    /** The key set Nimbus's cache last took in, for lookups that must not block. */
    private volatile Snapshot snapshot;
    private final Map<JWK, JWSVerifier> verifiers = new ConcurrentHashMap<>();
    private final List<BiConsumer<TrustedIssuer, JWKSet>> keySetListeners = new CopyOnWriteArrayList<>();

    public IssuerKeys(TrustedIssuer issuer, AuthSettings.Jwks settings, boolean insecureHttpAllowed, Clock clock,
                      ExecutorService refreshExecutor, ScheduledExecutorService scheduler) {
        this(issuer, settings, insecureHttpAllowed, clock, refreshExecutor, scheduler, KeyFetchObserver.NONE);
    }

    public IssuerKeys(TrustedIssuer issuer, AuthSettings.Jwks settings, boolean insecureHttpAllowed, Clock clock,
                      ExecutorService refreshExecutor, ScheduledExecutorService scheduler, KeyFetchObserver observer) {
        this.issuer = issuer;
        this.retryAfter = settings.getMinRefreshInterval();
        this.cacheTtlMillis = settings.getCacheTtl().toMillis();
        this.stalePeriodMillis = settings.getStalePeriod().toMillis();
        this.clock = clock;
        int timeoutMillis = Math.toIntExact(settings.getFetchTimeout().toMillis());
        var retriever = new DefaultResourceRetriever(timeoutMillis, timeoutMillis, settings.getSizeLimitBytes());
        var bottom = new IssuerJwkSetSource(issuer, retriever, insecureHttpAllowed, status, clock, observer);
        this.source = JWKSourceBuilder.create(bottom)
                .cache(settings.getCacheTtl().toMillis(), settings.getFetchTimeout().toMillis())
                .refreshAheadCache(settings.getRefreshAhead().toMillis(), this::onCacheEvent,
                        refreshExecutor, false, scheduler, false)
                .rateLimited(settings.getMinRefreshInterval().toMillis())
                .outageTolerant(settings.getStalePeriod().toMillis())
                .retrying(false)
                .build();
    }

    public TrustedIssuer issuer() {
        return issuer;
    }

    public KeySetStatus status() {
        return status;
    }

    /** How long a client should wait before retrying when keys are unavailable: the refetch interval. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * The keys that may have signed a token with this header (same kid, key type, use and alg), from
     * the cached key set only; never blocks.
     *
     * @param allowStale also use a set older than the cache TTL, as long as the last successful fetch is
     *                   within the stale period (riding out an outage)
     * @return the matching keys (possibly none), or null when no usable key set is cached
     */
    public List<JWK> cachedCandidates(JWSHeader header, boolean allowStale) {
        Snapshot current = snapshot;
        if (current == null) {
            return null;
        }
        long now = clock.millis();
        boolean fresh = now - current.takenAtMillis() < cacheTtlMillis;
        if (!fresh && !(allowStale && isWithinStalePeriod(now))) {
            return null;
        }
        return new JWKSelector(JWKMatcher.forJWSHeader(header)).select(current.keys());
    }

    /**
     * The keys that may have signed a token with this header. A known kid in a fresh key set is answered
     * from memory; otherwise Nimbus's chain refreshes the set (an unknown kid triggers a rate-limited
     * refetch). When that fails, keys fetched within the stale period still count.
     * May block for up to the fetch timeout: call off the event loop.
     */
    public List<JWK> candidates(JWSHeader header) throws KeySourceException {
        List<JWK> cached = cachedCandidates(header, false);
        if (cached != null && !cached.isEmpty()) {
            return cached;
        }
        try {
            return source.get(new JWKSelector(JWKMatcher.forJWSHeader(header)), null);
        } catch (KeySourceException e) {
            List<JWK> stale = cachedCandidates(header, true);
            if (stale != null) {
                return stale;
            }
            throw e;
        }
    }

    /**
     * Whether the cached key set may still be used without a fetch: fresh, or within the stale period.
     * When not, an uncached token would need a fetch, so a cached verdict must not stand in for it.
     */
    public boolean hasUsableKeys() {
        Snapshot current = snapshot;
        if (current == null) {
            return false;
        }
        long now = clock.millis();
        return now - current.takenAtMillis() < cacheTtlMillis || isWithinStalePeriod(now);
    }

    private boolean isWithinStalePeriod(long nowMillis) {
        return status.lastSuccess().map(at -> nowMillis - at.toEpochMilli() < stalePeriodMillis).orElse(false);
    }

    /** The verifier for a key from {@link #candidates}, built once per key; null if the key is unusable. */
    public JWSVerifier verifierFor(JWK key) {
        JWSVerifier verifier = verifiers.get(key);
        if (verifier == null) {
            verifier = createVerifier(key);
            if (verifier != null) {
                verifiers.putIfAbsent(key, verifier);
            }
        }
        return verifier;
    }

    /** Loads the key set once (at startup) so the first request finds it cached. Blocks; never throws. */
    public void warmUp() {
        try {
            source.get(ANY_KEY, null);
        } catch (KeySourceException | RuntimeException e) {
            LOG.warn("Keys of issuer '{}' could not be loaded yet ({}); trying again in the background and when a token needs them",
                    issuer.name(), e.getMessage());
        }
    }

    /** Called with the issuer and its new key set each time a fetch replaces the cached set. */
    public void onKeySetChange(BiConsumer<TrustedIssuer, JWKSet> listener) {
        keySetListeners.add(listener);
    }

    private void onCacheEvent(Event<CachingJWKSetSource<SecurityContext>, SecurityContext> event) {
        if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<SecurityContext> completed) {
            JWKSet keys = completed.getJWKSet();
            snapshot = new Snapshot(keys, clock.millis());
            // Keys that left the set must stop verifying at once.
            verifiers.keySet().retainAll(new HashSet<>(keys.getKeys()));
            for (BiConsumer<TrustedIssuer, JWKSet> listener : keySetListeners) {
                listener.accept(issuer, keys);
            }
        }
    }

    private record Snapshot(JWKSet keys, long takenAtMillis) {
    }

    private JWSVerifier createVerifier(JWK key) {
        try {
            if (key instanceof RSAKey rsa) {
                return new RSASSAVerifier(rsa.toRSAPublicKey());
            }
            if (key instanceof ECKey ec) {
                return new ECDSAVerifier(ec.toECPublicKey());
            }
        } catch (JOSEException | RuntimeException e) {
            LOG.warn("Issuer '{}': key {} cannot be used for verification: {}", issuer.name(), key.getKeyID(),
                    e.getMessage());
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        if (source instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
