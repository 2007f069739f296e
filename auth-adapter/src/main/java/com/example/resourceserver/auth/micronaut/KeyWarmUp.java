package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.keys.IssuerKeys;
import com.example.resourceserver.auth.token.AccessTokenVerifier;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;

/**
 * Fetches every issuer's keys once the server listens, in the background: startup never waits for an
 * identity provider (it may be down), and the first request usually finds the keys cached.
 */
@Singleton
public class KeyWarmUp implements ApplicationEventListener<ServerStartupEvent> {

    private final AccessTokenVerifier verifier;
    private final ExecutorService blocking;

    public KeyWarmUp(AccessTokenVerifier verifier, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.verifier = verifier;
        this.blocking = blocking;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        for (IssuerKeys keys : verifier.issuers()) {
            blocking.execute(keys::warmUp);
        }
    }
}
