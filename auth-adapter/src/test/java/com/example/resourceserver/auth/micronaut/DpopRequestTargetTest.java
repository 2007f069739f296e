package com.example.resourceserver.auth.micronaut;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** The URI a proof's {@code htu} must name (RFC 9449 §4.3 point 9), as the service works it out. */
class DpopRequestTargetTest {

    static HttpRequest<?> get(String uri, String... headers) {
        var request = HttpRequest.GET(uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    @Test
    void withoutAnExternalUrlItIsTheSchemeAndHostOfTheRequestWithoutTheQuery() {
        DpopRequestTarget target = new DpopRequestTarget("");
        assertEquals(
                "http://api.example:8080/api/private",
                target.of(get("/api/private?page=2", "Host", "api.example:8080")));
    }

    @Test
    void aBlankOrUnsetExternalUrlIsNoExternalUrl() {
        HttpRequest<?> request = get("/api/private", "Host", "api.example");
        assertEquals("http://api.example/api/private", new DpopRequestTarget("  ").of(request));
        assertEquals("http://api.example/api/private", new DpopRequestTarget(null).of(request));
    }

    @Test
    void forwardedHeadersAreNeverRead() {
        DpopRequestTarget target = new DpopRequestTarget("");
        HttpRequest<?> request = get(
                "/api/private",
                "Host",
                "api.internal:8080",
                "X-Forwarded-Host",
                "evil.example",
                "X-Forwarded-Proto",
                "https",
                "X-Forwarded-Prefix",
                "/evil",
                "Forwarded",
                "host=evil.example;proto=https");
        assertEquals("http://api.internal:8080/api/private", target.of(request));
    }

    @Test
    void theExternalUrlReplacesSchemeAndHostAndItsPathIsAPrefix() {
        DpopRequestTarget target = new DpopRequestTarget("https://gw.example/orders/v1");
        assertEquals(
                "https://gw.example/orders/v1/api/private",
                target.of(get("/api/private?x=1", "Host", "api.internal:8080", "X-Forwarded-Host", "evil.example")));
    }

    @Test
    void trailingSlashesOfTheExternalUrlAreDroppedSoNoDoubleSlashAppears() {
        HttpRequest<?> request = get("/api/private", "Host", "api.internal");
        assertEquals("https://api.example/api/private", new DpopRequestTarget("https://api.example/").of(request));
        assertEquals(
                "https://gw.example/orders/api/private",
                new DpopRequestTarget(" https://gw.example/orders// ").of(request));
    }

    @Test
    void anEmptyPathIsTheRoot() {
        assertEquals("https://api.example/", new DpopRequestTarget("https://api.example").of(get("")));
    }

    @Test
    void theRawPathIsKeptAsSentForTheNormalisingComparison() {
        assertEquals(
                "https://api.example/api/%7Eme/../private",
                new DpopRequestTarget("https://api.example").of(get("/api/%7Eme/../private")));
    }
}
