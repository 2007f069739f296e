package com.example.resourceserver.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.RawHttp;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CORS as browsers meet it. The Host header names a public host: Micronaut refuses cross-origin calls
 * to localhost by default (drive-by-localhost protection), which is not what a deployed API sees.
 */
class CorsTest {

    @RegisterExtension
    static final TestIdentityProvider idp = TestIdentityProvider.withKey("cors");

    static ServiceUnderTest service; // stopped by idp

    @BeforeAll
    static void start() {
        service = ServiceUnderTest.startTrusting(idp);
    }

    static RawHttp.Response preflight(String path, String method, String headers) {
        return RawHttp.send(
                service.port(),
                "OPTIONS",
                path,
                "Host: api.example.com",
                "Origin: https://app.example.org",
                "Access-Control-Request-Method: " + method,
                "Access-Control-Request-Headers: " + headers);
    }

    @Test
    void preflightForTheThreeRoutesIsAllowedFromAnyOriginAndNeverA401() {
        for (String path : List.of("/api/public", "/api/private", "/api/private-scoped")) {
            RawHttp.Response response = preflight(path, "GET", "authorization,content-type,dpop");
            assertEquals(200, response.status(), path);
            assertEquals(
                    "https://app.example.org",
                    response.header("Access-Control-Allow-Origin").orElse(""));
            assertTrue(
                    response.header("Access-Control-Allow-Methods").orElse("").contains("GET"));
            String allowedHeaders = String.join(",", response.all("Access-Control-Allow-Headers"))
                    .toLowerCase();
            assertTrue(
                    allowedHeaders.contains("authorization")
                            && allowedHeaders.contains("content-type")
                            && allowedHeaders.contains("dpop"),
                    allowedHeaders);
        }
    }

    @Test
    void otherMethodsAndHeadersAreNotAllowedAndTheRefusalIsJson() {
        for (RawHttp.Response refused : java.util.List.of(
                preflight("/api/private", "DELETE", "authorization"), preflight("/api/private", "GET", "x-custom"))) {
            assertEquals(403, refused.status());
            assertEquals(
                    "{\"error\":\"forbidden\",\"error_description\":\"This request is not allowed\"}", refused.body());
            assertEquals("application/json", refused.header("Content-Type").orElse(""));
        }
    }

    @Test
    void aRefusedActualCrossOriginRequestGetsJsonToo() {
        RawHttp.Response refused = RawHttp.send(
                service.port(),
                "DELETE",
                "/api/private",
                "Host: api.example.com",
                "Origin: https://app.example.org",
                "Content-Length: 0");
        assertEquals(403, refused.status());
        assertEquals("application/json", refused.header("Content-Type").orElse(""));
        assertTrue(refused.body().startsWith("{\"error\":"), refused.body());
    }

    @Test
    void actualResponsesCarryTheOriginAndExposeTheChallenge() {
        RawHttp.Response response =
                RawHttp.get(service.port(), "/api/private", "Host: api.example.com", "Origin: https://app.example.org");
        assertEquals(401, response.status());
        assertEquals(
                "https://app.example.org",
                response.header("Access-Control-Allow-Origin").orElse(""));
        assertTrue(
                String.join(",", response.all("Access-Control-Expose-Headers")).contains("WWW-Authenticate"));
    }

    @Test
    void allowedOriginsCanBeRestricted() {
        try (ServiceUnderTest restricted = ServiceUnderTest.trusting(idp)
                .with("auth.audience", "a")
                .with("micronaut.server.cors.configurations.api.allowed-origins", "https://app.example.org")
                .start()) {
            RawHttp.Response allowed = RawHttp.send(
                    restricted.port(),
                    "OPTIONS",
                    "/api/private",
                    "Host: api.example.com",
                    "Origin: https://app.example.org",
                    "Access-Control-Request-Method: GET",
                    "Access-Control-Request-Headers: authorization");
            RawHttp.Response refused = RawHttp.send(
                    restricted.port(),
                    "OPTIONS",
                    "/api/private",
                    "Host: api.example.com",
                    "Origin: https://evil.example.net",
                    "Access-Control-Request-Method: GET",
                    "Access-Control-Request-Headers: authorization");
            assertEquals(200, allowed.status());
            assertTrue(refused.header("Access-Control-Allow-Origin").isEmpty());
        }
    }
}
