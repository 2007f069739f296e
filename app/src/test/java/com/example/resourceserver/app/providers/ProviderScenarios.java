package com.example.resourceserver.app.providers;

import static com.example.resourceserver.app.support.OAuthClient.claims;
import static com.example.resourceserver.app.support.OAuthClient.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.OAuthClient;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.Poll;
import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The same scenarios against every real identity provider: tokens come from the provider's token
 * endpoint over HTTP, and the whole service, configured with nothing but the provider's issuer and the
 * API's audience (keys by discovery), answers the three routes. Subclasses only say how to start the
 * provider, obtain its tokens and rotate its keys. The provider is started once per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ProviderScenarios {

    /** The audience both providers put into tokens for this API (AUTH_AUDIENCE). */
    static final String API = "messages-api";
    /** The audience of some other API at the same provider. */
    static final String OTHER_API = "other-api";

    static final String SCOPE = "read:messages";

    /** The service as an operator would configure it for this provider: AUTH_ISSUER and AUTH_AUDIENCE only. */
    ServiceUnderTest service;

    // ---- what each provider supplies ----

    /** Starts the identity provider (once per class); must be ready when it returns. */
    abstract void startProvider();

    /** Stops it; also called when {@link #startProvider()} failed halfway. */
    abstract void stopProvider();

    /** The exact {@code iss} of its tokens. */
    abstract String issuer();

    /** A token for a client allowed {@value #SCOPE}, which asked for it. */
    abstract String tokenWithScope();

    /** A token for the client that is not allowed {@value #SCOPE}; its audience is still {@value #API}. */
    abstract String tokenWithoutScope();

    /** That client asking for {@value #SCOPE} anyway. */
    abstract OAuthClient.TokenResponse scopeRequestedByTheClientWithoutIt();

    /** A valid token of this provider for {@value #OTHER_API} instead of this API. */
    abstract String tokenForTheOtherApi();

    /** Like {@link #tokenWithScope()}, but valid for only a few seconds. */
    abstract String shortLivedTokenWithScope();

    /** Makes a new key sign from now on while the old one stays published. */
    abstract void publishNewSigningKey();

    /** Stops publishing the key that signed before {@link #publishNewSigningKey()}. */
    abstract void retireOldSigningKey();

    /** AUTH_ISSUER and AUTH_AUDIENCE as properties (what the environment variables map to). */
    Map<String, Object> issuerAndAudience() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("auth.issuer", issuer());
        properties.put("auth.audience", API);
        return properties;
    }

    @BeforeAll
    void startProviderAndService() {
        startProvider();
        service = ServiceUnderTest.start(issuerAndAudience());
    }

    @AfterAll
    void stopServiceAndProvider() {
        try {
            if (service != null) {
                service.close();
            }
        } finally {
            stopProvider();
        }
    }

    // ---- the scenarios ----

    @Test
    @Order(1)
    void withTheScopeEveryRouteAnswers200() {
        String token = tokenWithScope();
        assertEquals(List.of(API), claims(token).getAudience());
        assertTrue(scopes(token).contains(SCOPE), "granted scopes: " + scopes(token));

        assertEquals(List.of(200, 200, 200), statuses(service, token), answers(service, token));
    }

    @Test
    @Order(2)
    void withoutTheScopeTheScopedRouteAnswers403() {
        // The realm/provider really refuses this client the scope...
        assertEquals("invalid_scope", scopeRequestedByTheClientWithoutIt().error());
        String token = tokenWithoutScope();
        // ...and its token carries the API's audience, so the 403 is about the scope and nothing else.
        assertTrue(
                claims(token).getAudience().contains(API),
                "aud: " + claims(token).getAudience());
        assertFalse(scopes(token).contains(SCOPE));

        assertEquals(List.of(200, 200, 403), statuses(service, token), answers(service, token));
        String challenge = wwwAuthenticate(service.getWithToken("/api/private-scoped", token));
        assertTrue(
                challenge.contains("error=\"insufficient_scope\"") && challenge.contains("scope=\"read:messages\""),
                challenge);
    }

    @Test
    @Order(3)
    void aTokenForAnotherApiIsRejected() {
        String token = tokenForTheOtherApi();
        assertEquals(List.of(OTHER_API), claims(token).getAudience());

        // /api/private needs no scope: its 401 is about the audience alone.
        assertEquals(List.of(200, 401, 401), statuses(service, token), answers(service, token));
        assertInvalidToken(service.getWithToken("/api/private", token));
    }

    @Test
    @Order(4)
    void anExpiredTokenIsRejected() {
        Map<String, Object> properties = issuerAndAudience();
        // Tuned for this scenario: 1 s clock-skew leeway instead of the default 60 s, so the test waits
        // for the token's few seconds of life rather than for more than a minute.
        properties.put("auth.leeway", "1s");
        try (ServiceUnderTest strict = ServiceUnderTest.start(properties)) {
            // Load the keys first, so nothing but the clock separates the two calls below.
            assertEquals(
                    200, strict.getWithToken("/api/private", tokenWithScope()).statusCode());

            String token = shortLivedTokenWithScope();
            JWTClaimsSet claims = claims(token);
            Instant expiry = claims.getExpirationTime().toInstant();
            long lifetime =
                    Duration.between(claims.getIssueTime().toInstant(), expiry).toSeconds();
            assertTrue(lifetime > 0 && lifetime <= 10, "a short-lived token, not one of " + lifetime + " s");
            assertEquals(List.of(200, 200, 200), statuses(strict, token), answers(strict, token));

            // By exp + leeway + a margin the token must be refused on both protected routes.
            Duration untilRefused =
                    Duration.between(Instant.now(), expiry.plusSeconds(1).plusMillis(1500));
            List<Integer> refused =
                    Poll.until(() -> statuses(strict, token), List.of(200, 401, 401)::equals, untilRefused);
            assertEquals(List.of(200, 401, 401), refused, answers(strict, token));
            assertInvalidToken(strict.getWithToken("/api/private-scoped", token));
        }
    }

    @Test
    @Order(100) // last: it changes the provider's keys for good
    void signingKeysRotateWithoutRestartingTheService() {
        Map<String, Object> properties = issuerAndAudience();
        // Tuned for this scenario: the key set is refetched every few seconds (default cache-ttl 5m), and
        // an unknown kid may trigger a refetch every second (default 30 s), so a retired key stops
        // verifying within seconds.
        properties.put("auth.jwks.cache-ttl", "4s");
        properties.put("auth.jwks.refresh-ahead", "1s");
        properties.put("auth.jwks.fetch-timeout", "2s");
        properties.put("auth.jwks.min-refresh-interval", "1s");
        try (ServiceUnderTest rotating = ServiceUnderTest.start(properties)) {
            String before = tokenWithScope();
            assertEquals(
                    200, rotating.getWithToken("/api/private-scoped", before).statusCode());

            publishNewSigningKey();
            String after = tokenWithScope();
            assertNotEquals(header(before).getKeyID(), header(after).getKeyID(), "the provider signs with the new key");
            // The new kid is unknown to the running service: it fetches the key set again by itself.
            assertEquals(
                    200, rotating.getWithToken("/api/private-scoped", after).statusCode(), answers(rotating, after));
            // The old key is still published, so tokens it signed keep working.
            assertEquals(
                    200, rotating.getWithToken("/api/private-scoped", before).statusCode());

            retireOldSigningKey();
            // After the service's next refresh the old key's tokens are refused; new ones keep working.
            int status = Poll.until(
                    () -> rotating.getWithToken("/api/private-scoped", before).statusCode(),
                    s -> s == 401,
                    Duration.ofSeconds(30));
            assertEquals(401, status, "a token signed by the retired key must stop verifying after a key refresh");
            assertInvalidToken(rotating.getWithToken("/api/private-scoped", before));
            assertEquals(
                    200, rotating.getWithToken("/api/private-scoped", after).statusCode());
            assertEquals(
                    200,
                    rotating.getWithToken("/api/private-scoped", tokenWithScope())
                            .statusCode());
        }
    }

    // ---- helpers ----

    static final List<String> ROUTES = List.of("/api/public", "/api/private", "/api/private-scoped");

    /** Status of /api/public, /api/private and /api/private-scoped called with this token. */
    static List<Integer> statuses(ServiceUnderTest service, String token) {
        List<Integer> statuses = new ArrayList<>();
        for (String route : ROUTES) {
            statuses.add(service.getWithToken(route, token).statusCode());
        }
        return statuses;
    }

    /** What the routes answered, for failure messages. */
    static String answers(ServiceUnderTest service, String token) {
        StringBuilder text = new StringBuilder(
                "answers for a token with claims " + claims(token).toJSONObject() + ":");
        for (String route : ROUTES) {
            HttpResponse<String> response = service.getWithToken(route, token);
            text.append("\n  ")
                    .append(route)
                    .append(" -> ")
                    .append(response.statusCode())
                    .append(' ')
                    .append(wwwAuthenticate(response))
                    .append(' ')
                    .append(response.body());
        }
        return text.toString();
    }

    static String wwwAuthenticate(HttpResponse<String> response) {
        return response.headers().firstValue("WWW-Authenticate").orElse("");
    }

    static void assertInvalidToken(HttpResponse<String> response) {
        assertEquals(401, response.statusCode());
        assertTrue(
                wwwAuthenticate(response).startsWith("Bearer ")
                        && wwwAuthenticate(response).contains("error=\"invalid_token\""),
                wwwAuthenticate(response));
    }

    /** The granted scopes of the {@code scope} claim: a space-delimited string, or a JSON array (Spring). */
    static Set<String> scopes(String token) {
        Object scope = claims(token).getClaim("scope");
        if (scope instanceof List<?> granted) {
            return granted.stream().map(String::valueOf).collect(java.util.stream.Collectors.toSet());
        }
        if (scope == null || scope.toString().isBlank()) {
            return Set.of();
        }
        return Set.of(scope.toString().trim().split(" +"));
    }
}
