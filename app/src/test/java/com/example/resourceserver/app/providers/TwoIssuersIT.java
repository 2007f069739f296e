package com.example.resourceserver.app.providers;

import static com.example.resourceserver.app.providers.ProviderScenarios.answers;
import static com.example.resourceserver.app.providers.ProviderScenarios.assertInvalidToken;
import static com.example.resourceserver.app.providers.ProviderScenarios.statuses;
import static com.example.resourceserver.app.support.OAuthClient.claims;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.resourceserver.app.support.KeycloakServer;
import com.example.resourceserver.app.support.OAuthClient;
import com.example.resourceserver.app.support.OidcProviderServer;
import com.example.resourceserver.app.support.ServiceUnderTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One service trusting Keycloak and oidc-provider at once through {@code auth.issuers.<name>.*}, each
 * with its own audience: at Keycloak this API is known as {@code messages-api}, at oidc-provider as
 * {@code other-api}. Both providers can issue tokens for either audience, so each can try to pass off
 * a token meant for the other issuer's audience.
 */
class TwoIssuersIT {

    static KeycloakServer keycloak;
    static OidcProviderServer oidcProvider;
    static ServiceUnderTest service;

    @BeforeAll
    static void start() {
        try {
            keycloak = KeycloakServer.start();
            oidcProvider = OidcProviderServer.start(List.of(OidcProviderIT.newKey()));
            service = ServiceUnderTest.start(Map.of(
                    "auth.issuers.keycloak.issuer",
                    keycloakIssuer(),
                    "auth.issuers.keycloak.audience",
                    "messages-api",
                    "auth.issuers.node.issuer",
                    oidcProvider.issuer(),
                    "auth.issuers.node.audience",
                    "other-api"));
        } catch (RuntimeException | AssertionError e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            try {
                if (oidcProvider != null) {
                    oidcProvider.close();
                }
            } finally {
                if (keycloak != null) {
                    keycloak.close();
                }
            }
        }
    }

    static String keycloakIssuer() {
        return keycloak.baseUrl() + "/realms/" + KeycloakServer.REALM;
    }

    static String keycloakToken(String scope) {
        return OAuthClient.clientCredentials(
                        keycloakIssuer() + "/protocol/openid-connect/token",
                        "messages-client",
                        "messages-client-secret",
                        "scope",
                        scope)
                .accessToken();
    }

    static String oidcProviderToken(String resource) {
        return OAuthClient.clientCredentials(
                        oidcProvider.tokenEndpoint(),
                        "messages-client",
                        "messages-client-secret",
                        "resource",
                        resource,
                        "scope",
                        "read:messages")
                .accessToken();
    }

    @Test
    void tokensFromBothIssuersAreAccepted() {
        String fromKeycloak = keycloakToken("read:messages");
        assertEquals(List.of(200, 200, 200), statuses(service, fromKeycloak), answers(service, fromKeycloak));
        String fromOidcProvider = oidcProviderToken(OidcProviderIT.OTHER_RESOURCE);
        assertEquals(List.of(200, 200, 200), statuses(service, fromOidcProvider), answers(service, fromOidcProvider));
    }

    @Test
    void aKeycloakTokenForTheOtherIssuersAudienceIsRejected() {
        String token = keycloakToken("other-api");
        assertEquals(List.of("other-api"), claims(token).getAudience());
        assertEquals(List.of(200, 401, 401), statuses(service, token), answers(service, token));
        assertInvalidToken(service.getWithToken("/api/private", token));
    }

    @Test
    void anOidcProviderTokenForTheOtherIssuersAudienceIsRejected() {
        String token = oidcProviderToken(OidcProviderIT.MESSAGES_RESOURCE);
        assertEquals(List.of("messages-api"), claims(token).getAudience());
        assertEquals(List.of(200, 401, 401), statuses(service, token), answers(service, token));
        assertInvalidToken(service.getWithToken("/api/private", token));
    }
}
