package com.example.resourceserver.app.providers;

import com.example.resourceserver.app.support.KeycloakServer;

/**
 * The Keycloak scenarios against the Keycloak server distribution from Maven Central, unpacked by the
 * build and run as a local process: the path that needs no Docker and runs in every {@code verify}.
 */
class KeycloakDistributionIT extends KeycloakScenarios {

    private KeycloakServer server;

    @Override
    Keycloak startKeycloak() {
        server = KeycloakServer.start();
        return new Keycloak(server.baseUrl(), KeycloakServer.ADMIN_USERNAME, KeycloakServer.ADMIN_PASSWORD);
    }

    @Override
    void stopKeycloak() {
        if (server != null) {
            server.close();
        }
    }
}
