package com.example.resourceserver.app.providers;

import static com.example.resourceserver.app.support.OAuthClient.claims;
import static com.example.resourceserver.app.support.OAuthClient.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.KeycloakServer;
import com.example.resourceserver.app.support.OAuthClient;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The scenarios against Keycloak with the realm of {@code src/test/resources/keycloak/demo-realm.json}:
 * <ul>
 *   <li>{@code messages-client}: client credentials; optional scopes {@code read:messages} (whose audience
 *       mapper adds {@value #API} to aud) and {@code other-api} (adds {@value #OTHER_API});</li>
 *   <li>{@code basic-client}: not allowed {@code read:messages}; an audience mapper of its own gives its
 *       tokens {@value #API};</li>
 *   <li>{@code short-lived-client}: like messages-client, with 5-second access tokens.</li>
 * </ul>
 * Keys rotate through Keycloak's admin REST API. Subclasses differ only in how Keycloak is started.
 */
abstract class KeycloakScenarios extends ProviderScenarios {

    /** Where a started Keycloak answers, and its bootstrap administrator. */
    record Keycloak(String baseUrl, String adminUsername, String adminPassword) {}

    private Keycloak keycloak;
    private String retiringKid;

    /** Starts Keycloak with the realm imported and ready. */
    abstract Keycloak startKeycloak();

    abstract void stopKeycloak();

    @Override
    void startProvider() {
        keycloak = startKeycloak();
    }

    @Override
    void stopProvider() {
        stopKeycloak();
    }

    @Override
    String issuer() {
        return keycloak.baseUrl() + "/realms/" + KeycloakServer.REALM;
    }

    String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    OAuthClient.TokenResponse token(String clientId, String... parameters) {
        return OAuthClient.clientCredentials(tokenEndpoint(), clientId, clientId + "-secret", parameters);
    }

    @Override
    String tokenWithScope() {
        return token("messages-client", "scope", SCOPE).accessToken();
    }

    @Override
    String tokenWithoutScope() {
        return token("basic-client").accessToken();
    }

    @Override
    OAuthClient.TokenResponse scopeRequestedByTheClientWithoutIt() {
        return token("basic-client", "scope", SCOPE);
    }

    @Override
    String tokenForTheOtherApi() {
        return token("messages-client", "scope", "other-api").accessToken();
    }

    @Override
    String shortLivedTokenWithScope() {
        return token("short-lived-client", "scope", SCOPE).accessToken();
    }

    @Test
    @Order(5)
    void withoutAnyOptionalScopeKeycloakIssuesNoAudienceAndTheTokenIsRejected() {
        // Keycloak adds an audience only through mappers: messages-client gets none unless it asks for a
        // scope that carries one. A token without aud is not for this API.
        String token = token("messages-client").accessToken();
        assertTrue(
                claims(token).getAudience().isEmpty(), "aud: " + claims(token).getAudience());

        assertEquals(List.of(200, 401, 401), statuses(service, token), answers(service, token));
        assertInvalidToken(service.getWithToken("/api/private", token));
    }

    @Test
    @Order(6)
    void keycloakTokensLookAsDocumented() throws ParseException {
        // What docs/providers.md says about Keycloak's access tokens.
        String token = tokenWithScope();
        JWSHeader header = header(token);
        assertEquals(JWSAlgorithm.RS256, header.getAlgorithm());
        assertEquals(JOSEObjectType.JWT, header.getType());
        assertNotNull(header.getKeyID());
        JWTClaimsSet claims = claims(token);
        assertEquals(issuer(), claims.getIssuer()); // no trailing slash
        assertFalse(claims.getIssuer().endsWith("/"));
        assertEquals(SCOPE, claims.getStringClaim("scope")); // a space-delimited string
        assertEquals("messages-client", claims.getStringClaim("azp"));
        assertEquals("Bearer", claims.getStringClaim("typ"));
        assertNotNull(claims.getSubject()); // the service account's user id
        assertNull(claims.getClaim("client_id"));
        // Its JWKS also lists an encryption key (use=enc, RSA-OAEP), which the service skips.
        String jwks = OAuthClient.send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/certs"))
                        .build())
                .body();
        assertTrue(jwks.contains("\"use\":\"enc\""), jwks);
    }

    // ---- key rotation through the admin REST API ----

    @Override
    void publishNewSigningKey() {
        Map<String, Object> keys = admin("GET", "/keys", null);
        retiringKid = activeRs256Kid(keys);
        String realmId = (String) admin("GET", "", null).get("id");
        // A second RSA key provider with a higher priority: Keycloak signs with it and still publishes the old one.
        admin(
                "POST",
                "/components",
                JSONObjectUtils.toJSONString(Map.of(
                        "name",
                        "rotated-rsa-" + System.nanoTime(),
                        "providerId",
                        "rsa-generated",
                        "providerType",
                        "org.keycloak.keys.KeyProvider",
                        "parentId",
                        realmId,
                        "config",
                        Map.of(
                                "priority",
                                List.of("200"),
                                "keySize",
                                List.of("2048"),
                                "algorithm",
                                List.of("RS256")))));
        String active = activeRs256Kid(admin("GET", "/keys", null));
        assertNotEquals(retiringKid, active, "the new key provider should sign from now on");
        assertTrue(publishedKids().contains(retiringKid), "the old key stays published until its provider is deleted");
    }

    @Override
    void retireOldSigningKey() {
        String component = null;
        for (Object key : (List<?>) admin("GET", "/keys", null).get("keys")) {
            Map<?, ?> entry = (Map<?, ?>) key;
            if (retiringKid.equals(entry.get("kid"))) {
                component = (String) entry.get("providerId");
            }
        }
        assertNotNull(component, "no key provider found for kid " + retiringKid);
        admin("DELETE", "/components/" + component, null);
        assertFalse(publishedKids().contains(retiringKid), "Keycloak still publishes the deleted key");
    }

    private static String activeRs256Kid(Map<String, Object> keys) {
        return (String) ((Map<?, ?>) keys.get("active")).get("RS256");
    }

    private List<Object> publishedKids() {
        String body = OAuthClient.send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/certs"))
                        .build())
                .body();
        try {
            return JSONObjectUtils.getJSONArray(JSONObjectUtils.parse(body), "keys").stream()
                    .map(key -> ((Map<?, ?>) key).get("kid"))
                    .map(Object.class::cast)
                    .toList();
        } catch (ParseException e) {
            throw new AssertionError("the JWKS is not JSON: " + body);
        }
    }

    /** One call to {@code /admin/realms/demo<path>} as the bootstrap administrator; the JSON answer, if any. */
    private Map<String, Object> admin(String method, String path, String json) {
        String adminToken = OAuthClient.postForm(
                        keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token",
                        Map.of(
                                "grant_type",
                                "password",
                                "client_id",
                                "admin-cli",
                                "username",
                                keycloak.adminUsername(),
                                "password",
                                keycloak.adminPassword()),
                        null)
                .accessToken();
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(keycloak.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken)
                .method(
                        method,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = OAuthClient.send(request.build());
        assertTrue(
                response.statusCode() / 100 == 2,
                method + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        try {
            return response.body().isBlank() ? Map.of() : JSONObjectUtils.parse(response.body());
        } catch (ParseException e) {
            throw new AssertionError(method + " " + path + " answered no JSON object: " + response.body());
        }
    }
}
