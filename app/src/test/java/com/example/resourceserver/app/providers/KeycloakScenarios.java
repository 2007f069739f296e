package com.example.resourceserver.app.providers;

import static com.example.resourceserver.app.support.OAuthClient.claims;
import static com.example.resourceserver.app.support.OAuthClient.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.ExternalServer;
import com.example.resourceserver.app.support.KeycloakServer;
import com.example.resourceserver.app.support.OAuthClient;
import com.example.resourceserver.app.support.ProviderDpopClient;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.Poll;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The scenarios against Keycloak with the realm of {@code src/test/resources/keycloak/demo-realm.json}:
 * <ul>
 *   <li>{@code messages-client}: client credentials; optional scopes {@code read:messages} (whose audience
 *       mapper adds {@value #API} to aud) and {@code other-api} (adds {@value #OTHER_API});</li>
 *   <li>{@code basic-client}: not allowed {@code read:messages}; an audience mapper of its own gives its
 *       tokens {@value #API};</li>
 *   <li>{@code short-lived-client}: like messages-client, with 5-second access tokens;</li>
 *   <li>{@code dpop-client}: like basic-client, plus the optional scope {@code read:messages}, and
 *       {@code dpop.bound.access.tokens}: Keycloak requires a DPoP proof at its token endpoint and binds
 *       the access token to the proof's key ({@code cnf.jkt}, RFC 9449);</li>
 *   <li>{@code messages-api}: the API itself as a confidential client, only to call Keycloak's
 *       introspection endpoint (RFC 7662).</li>
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

    // ---- DPoP (RFC 9449): Keycloak binds dpop-client's tokens to the key of its proof ----

    static final String DPOP_CLIENT = "dpop-client";
    /** The body of /api/private (the team's contract, as in ContractTest). */
    static final String PRIVATE_BODY =
            "{\"message\":\"Hello from a private endpoint! You need to be authenticated to see this.\"}";

    static final String SCOPED_BODY = "{\"message\":\"Hello from a private endpoint! You need to be authenticated "
            + "and have a scope of read:messages to see this.\"}";

    /** A DPoP-bound token of {@value #DPOP_CLIENT} for {@code client}'s key, with {@code scope} (or none). */
    String dpopToken(KeycloakDpopClient client, String scope) {
        return KeycloakDpopClient.dpopAccessToken(client.clientCredentials(
                tokenEndpoint(), DPOP_CLIENT, DPOP_CLIENT + "-secret", scope == null ? null : new Scope(scope)));
    }

    /** {@code Authorization: DPoP <token>} with {@code DPoP: <proof>}. */
    static HttpResponse<String> getWithDpop(ServiceUnderTest target, String path, String token, String proof) {
        return target.get(path, "Authorization", "DPoP " + token, "DPoP", proof);
    }

    /** The URL the JDK client calls, which is what a proof's {@code htu} names. */
    static URI url(ServiceUnderTest target, String path) {
        return URI.create("http://127.0.0.1:" + target.port() + path);
    }

    /** A call with a fresh proof for exactly this request by {@code client}. */
    static HttpResponse<String> getWithFreshProof(
            ServiceUnderTest target, String path, String token, KeycloakDpopClient client) {
        return getWithDpop(target, path, token, client.proof("GET", url(target, path), token));
    }

    static String describe(HttpResponse<String> response) {
        return response.statusCode() + " " + wwwAuthenticate(response) + " " + response.body();
    }

    /** 401 in the DPoP scheme with this reason's description, and nothing of the token or proof in the body. */
    static void assertInvalidDpopProof(HttpResponse<String> response, Reason reason) {
        assertEquals(401, response.statusCode(), describe(response));
        assertTrue(
                wwwAuthenticate(response).startsWith("DPoP error=\"invalid_dpop_proof\", algs=\"ES256 PS256 RS256\"")
                        && wwwAuthenticate(response).contains("error_description=\"" + reason.description() + "\""),
                describe(response));
        assertFalse(response.body().contains("eyJ"), "no token or proof in the body: " + response.body());
    }

    static void assertBoundTokenAsBearerRefused(HttpResponse<String> response) {
        assertEquals(401, response.statusCode(), describe(response));
        assertTrue(
                wwwAuthenticate(response)
                        .startsWith("Bearer error=\"invalid_token\", error_description=\""
                                + Reason.DPOP_BOUND_TOKEN_AS_BEARER.description() + "\""),
                describe(response));
    }

    @Test
    @Order(10)
    void keycloakBindsDpopClientTokensToTheKeyOfTheProof() {
        // dpop.bound.access.tokens=true in the realm: without a proof Keycloak gives this client nothing.
        OAuthClient.TokenResponse withoutProof = token(DPOP_CLIENT, "scope", SCOPE);
        assertEquals(400, withoutProof.status(), withoutProof.body().toString());
        assertEquals("invalid_request", withoutProof.error());

        KeycloakDpopClient ec = KeycloakDpopClient.withEcKey();
        String token = dpopToken(ec, SCOPE); // token_type DPoP, checked there
        JWTClaimsSet claims = claims(token);
        assertEquals(ec.thumbprint(), confirmedThumbprint(claims), "cnf.jkt is the RFC 7638 thumbprint of the key");
        assertEquals(List.of(API), claims.getAudience());
        assertEquals(Set.of(SCOPE), scopes(token));
        assertEquals("DPoP", claims.getClaim("typ")); // Keycloak's own typ claim says so too

        KeycloakDpopClient rsa = KeycloakDpopClient.withRsaKey();
        assertEquals(rsa.thumbprint(), confirmedThumbprint(claims(dpopToken(rsa, SCOPE))));
        assertNotEquals(ec.thumbprint(), rsa.thumbprint());
    }

    private static String confirmedThumbprint(JWTClaimsSet claims) {
        try {
            Map<String, Object> cnf = claims.getJSONObjectClaim("cnf");
            assertNotNull(cnf, "no cnf claim in " + claims.toJSONObject());
            return (String) cnf.get("jkt");
        } catch (ParseException e) {
            throw new AssertionError("cnf is not a JSON object: " + claims.toJSONObject());
        }
    }

    @Test
    @Order(11)
    void aBoundTokenWithAFreshProofIsServed() {
        for (KeycloakDpopClient client : List.of(KeycloakDpopClient.withEcKey(), KeycloakDpopClient.withRsaKey())) {
            String token = dpopToken(client, SCOPE);

            HttpResponse<String> privateRoute = getWithFreshProof(service, "/api/private", token, client);
            assertEquals(200, privateRoute.statusCode(), describe(privateRoute));
            assertEquals(PRIVATE_BODY, privateRoute.body());
            HttpResponse<String> scopedRoute = getWithFreshProof(service, "/api/private-scoped", token, client);
            assertEquals(200, scopedRoute.statusCode(), describe(scopedRoute));
            assertEquals(SCOPED_BODY, scopedRoute.body());
            // Every request has its own proof; the token itself may be used again.
            assertEquals(
                    200,
                    getWithFreshProof(service, "/api/private", token, client).statusCode());
        }
    }

    @Test
    @Order(12)
    void aProofUsedTwiceIsRefused() {
        KeycloakDpopClient client = KeycloakDpopClient.withEcKey();
        String token = dpopToken(client, SCOPE);
        String proof = client.proof("GET", url(service, "/api/private"), token);

        HttpResponse<String> first = getWithDpop(service, "/api/private", token, proof);
        assertEquals(200, first.statusCode(), describe(first));
        assertInvalidDpopProof(getWithDpop(service, "/api/private", token, proof), Reason.DPOP_PROOF_REPLAYED);
    }

    @Test
    @Order(13)
    void theBoundTokenSentAsBearerIsRefusedAndAnUnboundOneAsDpop() {
        // RFC 9449 §7.2: whoever holds only the token (not the key) must not be able to use it as a bearer token.
        KeycloakDpopClient client = KeycloakDpopClient.withEcKey();
        String token = dpopToken(client, SCOPE);

        assertBoundTokenAsBearerRefused(service.getWithToken("/api/private", token));
        // Not even with a valid proof next to it.
        HttpResponse<String> bearerWithProof = service.get(
                "/api/private",
                "Authorization",
                "Bearer " + token,
                "DPoP",
                client.proof("GET", url(service, "/api/private"), token));
        assertBoundTokenAsBearerRefused(bearerWithProof);

        // The other way round: Keycloak's plain bearer token (no cnf) under the DPoP scheme, with a valid proof.
        String unbound = tokenWithScope();
        HttpResponse<String> unboundAsDpop = getWithFreshProof(service, "/api/private", unbound, client);
        assertEquals(401, unboundAsDpop.statusCode(), describe(unboundAsDpop));
        assertTrue(
                wwwAuthenticate(unboundAsDpop).startsWith("DPoP error=\"invalid_token\"")
                        && wwwAuthenticate(unboundAsDpop)
                                .contains("error_description=\"" + Reason.TOKEN_NOT_DPOP_BOUND.description() + "\""),
                describe(unboundAsDpop));
    }

    @Test
    @Order(14)
    void aProofFromAnotherKeyIsRefused() {
        KeycloakDpopClient holder = KeycloakDpopClient.withEcKey();
        KeycloakDpopClient thief = KeycloakDpopClient.withEcKey();
        String token = dpopToken(holder, SCOPE);

        // A well-formed, fresh proof for this very request and token, signed by a key the token is not bound to.
        assertInvalidDpopProof(
                getWithFreshProof(service, "/api/private", token, thief), Reason.DPOP_PROOF_KEY_NOT_BOUND_TO_TOKEN);
        // The holder's own proof still works afterwards.
        assertEquals(
                200, getWithFreshProof(service, "/api/private", token, holder).statusCode());
    }

    @Test
    @Order(15)
    void aProofForAnotherRequestIsRefused() {
        KeycloakDpopClient client = KeycloakDpopClient.withEcKey();
        String token = dpopToken(client, SCOPE);

        String forAnotherRoute = client.proof("GET", url(service, "/api/private"), token);
        assertInvalidDpopProof(
                getWithDpop(service, "/api/private-scoped", token, forAnotherRoute), Reason.DPOP_PROOF_URI_MISMATCH);
        String forAnotherMethod = client.proof("POST", url(service, "/api/private"), token);
        assertInvalidDpopProof(
                getWithDpop(service, "/api/private", token, forAnotherMethod), Reason.DPOP_PROOF_METHOD_MISMATCH);
        String forAnotherToken = client.proof("GET", url(service, "/api/private"), dpopToken(client, SCOPE));
        assertInvalidDpopProof(
                getWithDpop(service, "/api/private", token, forAnotherToken),
                Reason.DPOP_PROOF_ACCESS_TOKEN_HASH_MISMATCH);
    }

    @Test
    @Order(16)
    void withoutTheScopeTheScopedRouteAnswers403ToADpopClient() {
        KeycloakDpopClient client = KeycloakDpopClient.withEcKey();
        String token = dpopToken(client, null);
        assertEquals(List.of(API), claims(token).getAudience()); // from the client's own audience mapper
        assertFalse(scopes(token).contains(SCOPE), "scopes: " + scopes(token));

        HttpResponse<String> privateRoute = getWithFreshProof(service, "/api/private", token, client);
        assertEquals(200, privateRoute.statusCode(), describe(privateRoute));
        HttpResponse<String> scopedRoute = getWithFreshProof(service, "/api/private-scoped", token, client);
        assertEquals(403, scopedRoute.statusCode(), describe(scopedRoute));
        assertTrue(
                wwwAuthenticate(scopedRoute).startsWith("DPoP error=\"insufficient_scope\"")
                        && wwwAuthenticate(scopedRoute).contains("scope=\"read:messages\""),
                describe(scopedRoute));
    }

    @Test
    @Order(17)
    void theDpopScenarioSharedByTheProvidersHoldsForKeycloak() {
        // The same checks as for oidc-provider's tokens, with the shared client (plain form POST, ES256).
        ProviderDpopClient client = ProviderDpopClient.withNewKey();
        ProviderDpopClient.TokenResponse response =
                client.clientCredentials(tokenEndpoint(), DPOP_CLIENT, DPOP_CLIENT + "-secret", "scope", SCOPE);
        String token = response.accessToken();
        assertEquals("DPoP", response.tokenType());
        assertEquals(client.thumbprint(), confirmedThumbprint(claims(token)));

        DpopScenarios.servedOnlyWithAFreshProofByTheBoundKey(service, client, token);
    }

    // ---- introspection (RFC 7662) of Keycloak's tokens ----
    //
    // Keycloak 26 issues access tokens only as signed JWTs: it has no opaque (reference) access-token format.
    // Its answer to the request for reference tokens (keycloak/keycloak#19650, epic #21186) was "lightweight
    // access tokens" (Keycloak 24+), which are still JWTs, with fewer claims. So the service's opaque-token
    // path cannot be driven by Keycloak; the real scenario here is the per-issuer setting introspect-jwts:
    // each JWT is verified locally and then confirmed active by Keycloak, which is how revocation reaches
    // the service. Since Keycloak 26.x the introspection endpoint answers active only to a client named in the
    // token's aud, so the service introspects as client "messages-api", the API's own audience.

    static final String INTROSPECTION_CLIENT = API;

    /** The service as configured to ask Keycloak about every JWT (client_secret_basic as messages-api). */
    Map<String, Object> introspectingKeycloak() {
        Map<String, Object> properties = issuerAndAudience();
        properties.put("auth.introspection.client-id", INTROSPECTION_CLIENT); // no URI: discovery finds it
        properties.put("auth.introspection.client-secret", INTROSPECTION_CLIENT + "-secret");
        properties.put("auth.introspection.introspect-jwts", true);
        return properties;
    }

    /** RFC 7009 revocation at Keycloak, by the client the token was issued to. */
    void revoke(String token, String clientId) {
        String credentials = Base64.getEncoder()
                .encodeToString((clientId + ":" + clientId + "-secret").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response =
                OAuthClient.send(HttpRequest.newBuilder(URI.create(issuer() + "/protocol/openid-connect/revoke"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "Basic " + credentials)
                        .POST(HttpRequest.BodyPublishers.ofString("token_type_hint=access_token&token=" + token))
                        .build());
        assertEquals(200, response.statusCode(), "revocation: " + response.body());
    }

    /** Calls of Keycloak's introspection endpoint by {@code target} that it answered with this outcome. */
    static long introspections(ServiceUnderTest target, String outcome) {
        Timer timer = target.context()
                .getBean(MeterRegistry.class)
                .find("token.introspections")
                .tag("outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    @Order(20)
    void introspectedTokensAreServedAsKeycloakConfirmsThem() {
        try (ServiceUnderTest introspecting = ServiceUnderTest.start(introspectingKeycloak())) {
            String token = tokenWithScope();
            assertEquals(List.of(200, 200, 200), statuses(introspecting, token), answers(introspecting, token));
            assertTrue(introspections(introspecting, "active") >= 1, "Keycloak was asked and said active");

            String unscoped = tokenWithoutScope();
            assertEquals(List.of(200, 200, 403), statuses(introspecting, unscoped), answers(introspecting, unscoped));
            assertInvalidToken(introspecting.getWithToken("/api/private", tokenForTheOtherApi()));
        }
    }

    @Test
    @Order(21)
    void aRevokedTokenIsRefusedThoughItsSignatureStillVerifies() {
        Map<String, Object> properties = introspectingKeycloak();
        // Tuned for this scenario: an active answer is remembered for 1 s instead of up to 5 min.
        properties.put("auth.introspection.cache.max-ttl", "1s");
        try (ServiceUnderTest introspecting = ServiceUnderTest.start(properties)) {
            String token = tokenWithScope();
            assertEquals(200, introspecting.getWithToken("/api/private", token).statusCode());

            revoke(token, "messages-client");
            // Nothing about the JWT changed: the service without introspection still accepts it...
            assertEquals(List.of(200, 200, 200), statuses(service, token), answers(service, token));
            // ...while the introspecting one refuses it once its remembered answer has lapsed.
            int status = Poll.until(
                    () -> introspecting.getWithToken("/api/private", token).statusCode(),
                    s -> s == 401,
                    Duration.ofSeconds(15));
            assertEquals(401, status, "a revoked token must be refused after the introspection cache's max-ttl");
            assertInvalidToken(introspecting.getWithToken("/api/private", token));
            assertInvalidToken(introspecting.getWithToken("/api/private-scoped", token));
            assertTrue(introspections(introspecting, "inactive") >= 1, "Keycloak said inactive");

            // A token revoked before the service ever saw it is refused at once.
            String revokedFirst = tokenWithScope();
            revoke(revokedFirst, "messages-client");
            assertInvalidToken(introspecting.getWithToken("/api/private", revokedFirst));
        }
    }

    @Test
    @Order(22)
    void anUnreachableIntrospectionEndpointIs503WithRetryAfterNeverA200() throws IOException {
        Map<String, Object> properties = introspectingKeycloak();
        properties.put("auth.introspection.timeout", "1s");
        // A port where nothing listens, and one that accepts connections but never answers.
        properties.put(
                "auth.introspection.uri",
                "http://127.0.0.1:" + ExternalServer.freePort()
                        + "/realms/demo/protocol/openid-connect/token/introspect");
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            for (String uri : List.of(
                    (String) properties.get("auth.introspection.uri"),
                    "http://127.0.0.1:" + silent.getLocalPort() + "/introspect")) {
                properties.put("auth.introspection.uri", uri);
                try (ServiceUnderTest introspecting = ServiceUnderTest.start(properties)) {
                    String token = tokenWithScope();
                    assertEquals(200, introspecting.get("/api/public").statusCode());
                    for (String route : List.of("/api/private", "/api/private-scoped")) {
                        long started = System.nanoTime();
                        HttpResponse<String> response = introspecting.getWithToken(route, token);
                        long tookMillis = (System.nanoTime() - started) / 1_000_000;
                        assertUnavailable(response, uri);
                        assertTrue(tookMillis < 4_000, "answered within the timeout, took " + tookMillis + " ms");
                    }
                }
            }
        }
    }

    @Test
    @Order(23)
    void keycloakRefusingTheServicesCredentialsIs503NeverA200() {
        Map<String, Object> properties = introspectingKeycloak();
        properties.put("auth.introspection.client-secret", "not-the-secret");
        try (ServiceUnderTest misconfigured = ServiceUnderTest.start(properties)) {
            // Keycloak answers the introspection request itself with 401 invalid_client: no verdict on the token.
            assertUnavailable(misconfigured.getWithToken("/api/private", tokenWithScope()), "a wrong client secret");
        }
    }

    @Test
    @Order(24)
    void aDpopBoundTokenConfirmedByIntrospectionNeedsItsProofToo() {
        // Keycloak's introspection answer for a bound token carries cnf.jkt as well; the binding still holds.
        try (ServiceUnderTest introspecting = ServiceUnderTest.start(introspectingKeycloak())) {
            KeycloakDpopClient client = KeycloakDpopClient.withEcKey();
            String token = dpopToken(client, SCOPE);

            HttpResponse<String> served = getWithFreshProof(introspecting, "/api/private-scoped", token, client);
            assertEquals(200, served.statusCode(), describe(served));
            assertEquals(SCOPED_BODY, served.body());
            assertTrue(introspections(introspecting, "active") >= 1, "Keycloak was asked and said active");
            assertInvalidDpopProof(
                    getWithFreshProof(introspecting, "/api/private", token, KeycloakDpopClient.withEcKey()),
                    Reason.DPOP_PROOF_KEY_NOT_BOUND_TO_TOKEN);
            assertBoundTokenAsBearerRefused(introspecting.getWithToken("/api/private", token));
        }
    }

    private static void assertUnavailable(HttpResponse<String> response, String why) {
        assertEquals(503, response.statusCode(), why + ": " + describe(response));
        assertTrue(
                Integer.parseInt(response.headers().firstValue("Retry-After").orElse("0")) >= 1,
                why + ": " + response.headers().map());
        assertTrue(response.body().startsWith("{\"error\":\"temporarily_unavailable\""), why + ": " + response.body());
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
