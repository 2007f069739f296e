package com.example.resourceserver.app.providers;

import com.example.resourceserver.app.support.KeycloakServer;
import com.example.resourceserver.auth.config.UrlRules;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import java.util.Map;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same Keycloak scenarios against the official image through Testcontainers, with the same realm
 * file. Where there is no Docker (as on the CI machines) the class is reported as skipped; the
 * distribution-based {@link KeycloakDistributionIT} proves the same things there.
 */
@Testcontainers(disabledWithoutDocker = true)
class KeycloakContainerIT extends KeycloakScenarios {

    static final String IMAGE = "quay.io/keycloak/keycloak:" + System.getProperty("keycloak.version", "26.7.3");

    private KeycloakContainer container;

    @Override
    Keycloak startKeycloak() {
        container = new KeycloakContainer(IMAGE).withRealmImportFile(KeycloakServer.REALM_RESOURCE);
        container.start();
        // Keycloak derives iss from the URL it is called on, so tokens and the service use this one URL.
        return new Keycloak(
                container.getAuthServerUrl().replaceAll("/+$", ""),
                container.getAdminUsername(),
                container.getAdminPassword());
    }

    @Override
    Map<String, Object> issuerAndAudience() {
        Map<String, Object> properties = super.issuerAndAudience();
        if (!UrlRules.isLoopback(container.getHost())) {
            // A remote Docker host serves Keycloak over plain http on a non-loopback address, which the
            // service refuses unless told otherwise.
            properties.put("auth.insecure-allow-http", true);
        }
        return properties;
    }

    @Override
    void stopKeycloak() {
        if (container != null) {
            container.stop();
        }
    }
}
