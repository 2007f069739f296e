package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.config.JwksSettings;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiConsumer;

/**
 * The one owner of "trusted issuer → its key set". Token verification, warm-up, readiness and metrics
 * all reach an issuer's keys through here.
 *
 * <p>It owns the one thread that schedules the key sets' refresh-ahead (Nimbus needs a
 * {@link ScheduledExecutorService}); the refreshes themselves run on the given executor.
 */
public final class TrustedKeySets implements Closeable {

    private final Map<String, IssuerKeys> byIssuerId;
    private final ScheduledExecutorService scheduler;

    public TrustedKeySets(
            List<TrustedIssuer> issuers,
            JwksSettings settings,
            boolean insecureHttpAllowed,
            Clock clock,
            ExecutorService refreshExecutor,
            KeyFetchObserver observer) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "jwks-refresh-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, IssuerKeys> map = new LinkedHashMap<>();
        for (TrustedIssuer issuer : issuers) {
            map.put(
                    issuer.issuer(),
                    new IssuerKeys(issuer, settings, insecureHttpAllowed, clock, refreshExecutor, scheduler, observer));
        }
        this.byIssuerId = Collections.unmodifiableMap(map);
    }

    /** The key set of the issuer whose {@code iss} is exactly this value, or null when it is not trusted. */
    public IssuerKeys forIssuer(String iss) {
        return byIssuerId.get(iss);
    }

    /** Every trusted issuer's key set, in configuration order. */
    public Collection<IssuerKeys> all() {
        return byIssuerId.values();
    }

    /** Whether a verdict reached earlier for this issuer may stand: its keys are still usable without a fetch. */
    public boolean keysStillUsable(TrustedIssuer issuer) {
        IssuerKeys keys = byIssuerId.get(issuer.issuer());
        return keys != null && keys.hasUsableKeys();
    }

    /** Called with an issuer and its new key set each time a fetch replaces that issuer's cached set. */
    public void onKeySetChange(BiConsumer<TrustedIssuer, JWKSet> listener) {
        for (IssuerKeys keys : byIssuerId.values()) {
            keys.onKeySetChange(listener);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            for (IssuerKeys keys : byIssuerId.values()) {
                keys.close();
            }
        } finally {
            scheduler.shutdownNow();
        }
    }
}
