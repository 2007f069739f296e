package com.example.resourceserver.auth.dev;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints ready-to-paste curl commands once the server listens. These are the only tokens ever
 * written to a log, and only in {@code dev}: they are signed by a key that dies with the process.
 */
@Singleton
@Requires(bean = DevIssuer.class)
class DevIssuerAnnouncer implements ApplicationEventListener<ServerStartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(DevIssuerAnnouncer.class);

    private final DevIssuer devIssuer;

    DevIssuerAnnouncer(DevIssuer devIssuer) {
        this.devIssuer = devIssuer;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        StringBuilder message = new StringBuilder()
                .append("Development issuer active (dev environment, no issuer configured). Tokens are valid for ")
                .append(DevIssuer.TOKEN_LIFETIME.toMinutes())
                .append(" minutes; try (expect 200, 200, 200, 403):");
        for (String line : devIssuer.curlExamples()) {
            message.append(System.lineSeparator()).append("  ").append(line);
        }
        LOG.info(message.toString());
    }
}
