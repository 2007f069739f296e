package com.example.resourceserver.app.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.RawHttp;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.nimbusds.jose.jwk.RSAKey;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** RFC 9728 protected-resource metadata, end to end, and the 401 challenges that point at it. */
class ProtectedResourceMetadataTest {

    static final String PATH = "/.well-known/oauth-protected-resource";

    final JwksServer jwks = JwksServer.start();
    final JwksServer second = JwksServer.start();
    final RSAKey key = TestKeys.rsa("metadata-key");
    ServiceUnderTest service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        jwks.close();
        second.close();
    }

    @Test
    void theDocumentNamesTheRequestedResourceTheTrustedIssuersAndTheRoutesScopes() throws IOException {
        Map<String, Object> properties = ServiceUnderTest.propertiesTrusting(jwks);
        properties.put("auth.issuers.partner.issuer", second.baseUrl());
        properties.put("auth.issuers.partner.audience", ServiceUnderTest.AUDIENCE);
        properties.put("auth.issuers.partner.jwks-uri", second.jwksUri().toString());
        service = ServiceUnderTest.start(properties);

        RawHttp.Response response = RawHttp.get(service.port(), PATH);
        assertEquals(200, response.status(), response.toString());
        assertEquals("application/json", response.header("Content-Type").orElse(""));
        assertEquals("public, max-age=300", response.header("Cache-Control").orElse(""));
        Map<String, Object> document = json(response.body());
        assertEquals("http://127.0.0.1:" + service.port(), document.get("resource"));
        assertEquals(List.of(jwks.baseUrl(), second.baseUrl()), document.get("authorization_servers"));
        // Derived from every route's declared requirement: the quickstart's scope, and the scope of the
        // test-only route that app's tests add (recipe.ArchiveController), which proves it is no fixed list.
        assertEquals(List.of("read:archive", "read:messages"), document.get("scopes_supported"));
        assertEquals(List.of("header"), document.get("bearer_methods_supported"));
        assertFalse(document.containsKey("resource_name"), "unset optional members are left out");
        assertFalse(document.containsKey("resource_documentation"));

        // The resource is the URL the client used: another Host, another resource; never X-Forwarded-*.
        Map<String, Object> viaName = json(RawHttp.get(
                        service.port(),
                        PATH,
                        "Host: api.example:8443",
                        "X-Forwarded-Host: evil.example",
                        "X-Forwarded-Proto: https",
                        "Forwarded: host=evil.example")
                .body());
        assertEquals("http://api.example:8443", viaName.get("resource"));
    }

    @Test
    void itIsPublicWhateverTheAuthorizationHeaderSays() {
        service = ServiceUnderTest.start(ServiceUnderTest.propertiesTrusting(jwks));
        String expired = new TokenMint(key, jwks.baseUrl(), ServiceUnderTest.AUDIENCE)
                .token()
                .claim("exp", 1)
                .sign();
        String plain = RawHttp.get(service.port(), PATH).body();
        for (String[] headers : List.of(
                new String[] {"Authorization: Bearer junk"},
                new String[] {"Authorization: Bearer " + expired},
                new String[] {"Authorization: Basic dXNlcjpwYXNz"},
                new String[] {"Authorization: Bearer a", "Authorization: Bearer b"})) {
            RawHttp.Response response = RawHttp.get(service.port(), PATH, headers);
            assertEquals(200, response.status(), response.toString());
            assertEquals(plain, response.body());
            assertTrue(response.header("WWW-Authenticate").isEmpty());
        }
    }

    @Test
    void aConfiguredExternalUrlWithAPathIsServedAtThePathInsertedUrlThatTheChallengesName() throws IOException {
        Map<String, Object> properties = ServiceUnderTest.propertiesTrusting(jwks);
        properties.put("web.external-url", "https://gateway.example/orders/");
        properties.put("web.resource-name", "Orders API");
        properties.put("web.resource-documentation", "https://docs.example/orders");
        service = ServiceUnderTest.start(properties);

        RawHttp.Response inserted = RawHttp.get(service.port(), PATH + "/orders");
        assertEquals(200, inserted.status(), inserted.toString());
        Map<String, Object> document = json(inserted.body());
        assertEquals("https://gateway.example/orders", document.get("resource"));
        assertEquals("Orders API", document.get("resource_name"));
        assertEquals("https://docs.example/orders", document.get("resource_documentation"));
        assertEquals(404, RawHttp.get(service.port(), PATH + "/other").status());

        RawHttp.Response challenge = RawHttp.get(service.port(), "/api/private", "Host: whatever.example");
        assertEquals(401, challenge.status());
        String metadata = ", resource_metadata=\"https://gateway.example" + PATH + "/orders\"";
        assertEquals(
                List.of("Bearer realm=\"api\"" + metadata, "DPoP realm=\"api\", algs=\"ES256 PS256 RS256\"" + metadata),
                challenge.all("WWW-Authenticate"));
    }

    @Test
    void anExternalUrlThatIsNotAnHttpUrlStopsStartup() {
        Map<String, Object> properties = ServiceUnderTest.propertiesTrusting(jwks);
        properties.put("web.external-url", "ftp://gateway.example/?x=1");
        Throwable failure = assertThrows(
                RuntimeException.class, () -> ServiceUnderTest.start(properties).close());
        Throwable cause = failure;
        while (cause != null && !(cause instanceof ConfigurationException)) {
            cause = cause.getCause();
        }
        assertTrue(cause != null && cause.getMessage().contains("WEB_EXTERNAL_URL"), String.valueOf(failure));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(String body) throws IOException {
        return JsonMapper.createDefault().readValue(body, Map.class);
    }
}
