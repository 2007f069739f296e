package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.config.JwksSettings;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.http.BoundedFetcher;
import com.example.resourceserver.auth.http.IssuerMetadata;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.events.Event;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trusted issuer's signing keys: the key source of {@link KeySourceChain} over
 * {@link IssuerJwkSetSource} (cache with scheduled refresh-ahead, rate-limited refetch on an unknown
 * {@code kid}, single fetch in flight, stale keys kept through an outage), a snapshot of the last key
 * set for lookups that must not block, and a verifier per key ({@link KeyVerifiers}).
 */
public final class IssuerKeys implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerKeys.class);

    private final TrustedIssuer issuer;
    private final KeySetStatus status = new KeySetStatus();
    private final JWKSetSource<SecurityContext> source;
    private final KeyVerifiers verifiers;
    private final CachedKeySet cached;
    private final Clock clock;
    private final Duration retryAfter;
    private final List<Consumer<JWKSet>> keySetListeners = new CopyOnWriteArrayList<>();

    /**
     * @param http     fetches the key set (and the metadata, through {@code metadata})
     * @param metadata the issuer's metadata, where its {@code jwks_uri} is found when none is configured
     */
    public IssuerKeys(
            TrustedIssuer issuer,
            JwksSettings settings,
            BoundedFetcher http,
            IssuerMetadata metadata,
            Clock clock,
            ExecutorService refreshExecutor,
            ScheduledExecutorService scheduler,
            KeyFetchObserver observer) {
        this.issuer = issuer;
        this.clock = clock;
        this.verifiers = new KeyVerifiers(issuer.name());
        this.cached = new CachedKeySet(settings.getCacheTtl(), settings.getStalePeriod(), status, clock);
        this.retryAfter = settings.getMinRefreshInterval();
        this.source = KeySourceChain.build(
                new IssuerJwkSetSource(issuer, http, metadata, status, clock, observer),
                settings,
                status,
                this::onCacheEvent,
                refreshExecutor,
                scheduler);
    }

    public KeySetStatus status() {
        return status;
    }

    /** How long a client should wait before retrying when keys are unavailable: the refetch interval. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** The keys that may have signed a token with this header, going only as far as {@code access} allows. */
    public KeyLookup lookup(JWSHeader header, KeyAccess access) {
        List<JWK> candidates;
        switch (access) {
            case CACHED_ONLY -> {
                candidates = cachedCandidates(header, false);
                if (candidates == null || candidates.isEmpty()) {
                    return KeyLookup.NOT_CACHED;
                }
            }
            case CACHED_OR_STALE -> {
                candidates = cachedCandidates(header, true);
                if (candidates == null || candidates.isEmpty()) {
                    return new KeyLookup.Unavailable(retryAfter);
                }
            }
            default -> {
                try {
                    candidates = candidates(header);
                } catch (RateLimitReachedException e) {
                    candidates = List.of(); // a refetch ran moments ago: the kid is unknown, not the keys unreachable
                } catch (KeySourceException e) {
                    return new KeyLookup.Unavailable(retryAfter);
                }
            }
        }
        if (candidates.isEmpty()) {
            return status.lastAttemptFailed() ? new KeyLookup.Unavailable(retryAfter) : KeyLookup.UNKNOWN_KEY;
        }
        return verifiers.found(candidates);
    }

    /**
     * Whether the cached key set may still be used without a fetch: fresh, or within the stale period.
     * When not, an uncached token would need a fetch, so a verdict cached earlier must not stand in for it.
     */
    public boolean hasUsableKeys() {
        return cached.usable(true) != null;
    }

    /** Whether the cached key set is missing or older than the cache TTL, so a refresh is due. */
    public boolean needsRefresh() {
        return cached.usable(false) == null;
    }

    /** Loads the key set (at startup, or when a refresh is due) so requests find it cached. Blocks; never throws. */
    public void warmUp() {
        try {
            source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), clock.millis(), null);
        } catch (KeySourceException | RuntimeException e) {
            LOG.warn(
                    "Keys of issuer '{}' could not be loaded yet ({}); trying again in the background and when a "
                            + "token needs them",
                    issuer.name(),
                    e.getMessage());
        }
    }

    /** Called with the new key set each time a fetch replaces the cached set. */
    public void onKeySetChange(Consumer<JWKSet> listener) {
        keySetListeners.add(listener);
    }

    /** From the cached set only (with {@code allowStale}, also within the stale period); never blocks; null: none. */
    List<JWK> cachedCandidates(JWSHeader header, boolean allowStale) {
        JWKSet keys = cached.usable(allowStale);
        return keys == null ? null : new JWKSelector(JWKMatcher.forJWSHeader(header)).select(keys);
    }

    /**
     * A known kid in a fresh key set is answered from memory; otherwise Nimbus's chain refreshes the set
     * (an unknown kid triggers a rate-limited refetch), as its {@code JWKSetBasedJWKSource} would, but with
     * the service's clock. When that fails, keys fetched within the stale period still count. May block for
     * up to the fetch timeout: call off the event loop.
     */
    List<JWK> candidates(JWSHeader header) throws KeySourceException {
        List<JWK> known = cachedCandidates(header, false);
        if (known != null && !known.isEmpty()) {
            return known;
        }
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(header));
        try {
            JWKSet keys = source.getJWKSet(JWKSetCacheRefreshEvaluator.noRefresh(), clock.millis(), null);
            List<JWK> selected = selector.select(keys);
            if (selected.isEmpty()) {
                JWKSet newer =
                        source.getJWKSet(JWKSetCacheRefreshEvaluator.referenceComparison(keys), clock.millis(), null);
                selected = selector.select(newer);
            }
            return selected;
        } catch (KeySourceException e) {
            List<JWK> stale = cachedCandidates(header, true);
            if (stale != null) {
                return stale;
            }
            throw e;
        }
    }

    private void onCacheEvent(Event<CachingJWKSetSource<SecurityContext>, SecurityContext> event) {
        if (event instanceof CachingJWKSetSource.RefreshCompletedEvent<SecurityContext> completed) {
            JWKSet keys = completed.getJWKSet();
            cached.replace(keys);
            verifiers.retainOnly(keys.getKeys());
            for (Consumer<JWKSet> listener : keySetListeners) {
                listener.accept(keys);
            }
        }
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
