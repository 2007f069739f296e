package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.issuer.Issuer;
import com.example.resourceserver.auth.issuer.Issuers;
import com.example.resourceserver.auth.keys.IssuerKeys;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fetches every issuer's keys once the server listens, in the background: startup never waits for an
 * identity provider (it may be down), and the first request usually finds the keys cached.
 *
 * <p>Then it keeps them fresh: every min-refresh-interval, an issuer whose cached set is missing or older
 * than the cache TTL is fetched again in the background. Nimbus's refresh-ahead normally keeps sets fresh,
 * but after a scheduled refresh fails (an outage) nothing else would fetch again until a request needed an
 * unknown key: readiness would wait for keys that are never loaded, and keys removed meanwhile would keep
 * verifying cached tokens for the whole stale period. The fetches stay within the key sets' rate limit.
 */
@Singleton
public class KeySetRefresher implements ApplicationEventListener<ServerStartupEvent> {

    private final Issuers issuers;
    private final ExecutorService blocking;
    private final TaskScheduler scheduler;
    private final Duration interval;
    private final Map<IssuerKeys, AtomicBoolean> running = new ConcurrentHashMap<>();
    private volatile ScheduledFuture<?> checks;

    public KeySetRefresher(
            Issuers issuers,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
            @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
            AuthConfiguration configuration) {
        this.issuers = issuers;
        this.blocking = blocking;
        this.scheduler = scheduler;
        Duration minRefreshInterval = configuration.jwks().getMinRefreshInterval();
        this.interval = minRefreshInterval.toMillis() < 1 ? Duration.ofMillis(1) : minRefreshInterval;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        for (Issuer issuer : issuers.all()) {
            refresh(issuer.keys());
        }
        checks = scheduler.scheduleWithFixedDelay(interval, interval, this::refreshWhereDue);
    }

    private void refreshWhereDue() {
        for (Issuer issuer : issuers.all()) {
            if (issuer.keys().needsRefresh()) {
                refresh(issuer.keys());
            }
        }
    }

    /** One background refresh per issuer at a time: a hanging endpoint must not pile up threads. */
    private void refresh(IssuerKeys keys) {
        AtomicBoolean busy = running.computeIfAbsent(keys, k -> new AtomicBoolean());
        if (busy.compareAndSet(false, true)) {
            blocking.execute(() -> {
                try {
                    keys.warmUp();
                } finally {
                    busy.set(false);
                }
            });
        }
    }

    @PreDestroy
    void stop() {
        if (checks != null) {
            checks.cancel(false);
        }
    }
}
