package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.keys.IssuerKeys;
import com.example.resourceserver.auth.keys.TrustedKeySets;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * Fetches every issuer's keys once the server listens, in the background: startup never waits for an
 * identity provider (it may be down), and the first request usually finds the keys cached. Issuers
 * whose keys could not be loaded are tried again every min-refresh-interval until they load, because
 * readiness waits for them and an orchestrator sends no traffic that could trigger a load meanwhile.
 */
@Singleton
public class KeyWarmUp implements ApplicationEventListener<ServerStartupEvent> {

    private final TrustedKeySets keySets;
    private final ExecutorService blocking;
    private final TaskScheduler scheduler;
    private final Duration retryInterval;
    private volatile ScheduledFuture<?> retries;

    public KeyWarmUp(TrustedKeySets keySets, @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                     @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler, AuthSettings settings) {
        this.keySets = keySets;
        this.blocking = blocking;
        this.scheduler = scheduler;
        this.retryInterval = settings.getJwks().getMinRefreshInterval();
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        for (IssuerKeys keys : keySets.all()) {
            blocking.execute(keys::warmUp);
        }
        Duration interval = retryInterval.toMillis() < 1 ? Duration.ofMillis(1) : retryInterval;
        retries = scheduler.scheduleWithFixedDelay(interval, interval, this::retryUnloaded);
    }

    private void retryUnloaded() {
        boolean allLoaded = true;
        for (IssuerKeys keys : keySets.all()) {
            if (keys.status().lastSuccess().isEmpty()) {
                allLoaded = false;
                blocking.execute(keys::warmUp);
            }
        }
        if (allLoaded && retries != null) {
            retries.cancel(false);
        }
    }

    @PreDestroy
    void stop() {
        if (retries != null) {
            retries.cancel(false);
        }
    }
}
