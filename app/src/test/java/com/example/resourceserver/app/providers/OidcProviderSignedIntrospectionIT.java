package com.example.resourceserver.app.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.ExternalServer;
import com.example.resourceserver.app.support.OAuthClient;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * RFC 9701 signed introspection answers from a real provider: panva/oidc-provider
 * ({@code opaque-server.mjs}, {@code features.jwtIntrospection}) signs its answers for client
 * {@code resource-server-signed}, registered with {@code introspection_signed_response_alg: RS256}. The
 * service introspects as that client with {@code AUTH_INTROSPECTION_SIGNED_RESPONSES=required}, so it
 * accepts nothing but an answer it verified with the keys of the provider's discovered JWKS.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcProviderSignedIntrospectionIT {

    ExternalServer provider;
    ServiceUnderTest service;
    String issuer;
    OidcProviderOpaqueIT.RunningProvider running;

    @BeforeAll
    void start() throws Exception {
        running = OidcProviderOpaqueIT.RunningProvider.start("oidc-provider-signed-introspection", "signing-op");
        provider = running.server();
        issuer = running.issuer();
        service = ServiceUnderTest.start(properties("resource-server-signed"));
    }

    Map<String, Object> properties(String client) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("auth.issuer", issuer);
        properties.put("auth.audience", "messages-api");
        properties.put("auth.introspection.client-id", client);
        properties.put("auth.introspection.client-secret", client + "-secret");
        properties.put("auth.introspection.signed-responses", "required");
        return properties;
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    String token(String client, String... parameters) {
        return running.token(client, parameters);
    }

    HttpResponse<String> introspect(String client, String accept, String token) {
        return OAuthClient.send(HttpRequest.newBuilder(URI.create(issuer + "/token/introspection"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", accept)
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                (client + ":" + client + "-secret").getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("token=" + token))
                .build());
    }

    @Test
    void theProviderReallySignsItsAnswersForThisClient() throws Exception {
        String token = token("messages-client", "scope", "read:messages", "resource", "urn:messages-api");
        HttpResponse<String> answer =
                introspect("resource-server-signed", "application/token-introspection+jwt", token);
        assertTrue(
                answer.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("application/token-introspection+jwt"),
                answer.headers().map().toString());
        SignedJWT jwt = SignedJWT.parse(answer.body());
        assertEquals(
                new JOSEObjectType("token-introspection+jwt"), jwt.getHeader().getType());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(issuer, claims.getIssuer());
        assertEquals(List.of("resource-server-signed"), claims.getAudience());
        assertEquals(true, claims.getJSONObjectClaim("token_introspection").get("active"));
    }

    @Test
    void anOpaqueTokenVouchedForByASignedAnswerIsServed() {
        String token = token("messages-client", "scope", "read:messages", "resource", "urn:messages-api");
        assertEquals(200, service.getWithToken("/api/private-scoped", token).statusCode());
        assertEquals(200, service.getWithToken("/api/private", token).statusCode());
    }

    @Test
    void theSignedAnswerInsideIsJudgedAsUsual() {
        String other = token("messages-client", "scope", "read:messages", "resource", "urn:other-api");
        HttpResponse<String> refused = service.getWithToken("/api/private", other);
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("not intended for this API"), refused.body());
        HttpResponse<String> unknown = service.getWithToken("/api/private", "never-issued-by-anyone");
        assertEquals(401, unknown.statusCode());
        assertTrue(unknown.body().contains("not active"), unknown.body());
    }

    @Test
    void anAnswerSignedWithTheClientSecretIs503NeverA200() {
        // `resource-server-hmac` gets HS256 answers keyed with its client secret: not a key of the issuer.
        String token = token("messages-client", "scope", "read:messages", "resource", "urn:messages-api");
        HttpResponse<String> signedWithSecret =
                introspect("resource-server-hmac", "application/token-introspection+jwt", token);
        assertTrue(signedWithSecret.body().startsWith("eyJhbGciOiJIUzI1NiI"), "an HS256 JWS");
        try (ServiceUnderTest hmac = ServiceUnderTest.start(properties("resource-server-hmac"))) {
            HttpResponse<String> refused = hmac.getWithToken("/api/private", token);
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(
                    refused.headers().firstValue("Retry-After").isPresent(),
                    refused.headers().toString());
        }
    }
}
