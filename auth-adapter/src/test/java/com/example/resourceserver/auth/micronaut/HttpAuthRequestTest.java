package com.example.resourceserver.auth.micronaut;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.domain.access.ResourceAddress;
import io.micronaut.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the pipeline reads of a Micronaut request, and nothing more. */
class HttpAuthRequestTest {

    /** Echoes what it is asked, so the test sees exactly what reaches the service's one address builder. */
    static final ResourceAddress ECHO = (secure, host, path) -> (secure ? "https" : "http") + "|" + host + "|" + path;

    static HttpRequest<?> get(String uri, String... headers) {
        var request = HttpRequest.GET(uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    @Test
    void theEffectiveUriIsBuiltFromTheHostAndThePathWithoutTheQueryAndNeverFromForwardedHeaders() {
        HttpRequest<?> request = get(
                "/api/%7Eme/../private?page=2",
                "Host",
                "api.internal:8080",
                "X-Forwarded-Host",
                "evil.example",
                "X-Forwarded-Proto",
                "https",
                "Forwarded",
                "host=evil.example;proto=https");
        assertEquals("http|api.internal:8080|/api/%7Eme/../private", new HttpAuthRequest(request, ECHO).effectiveUri());
    }

    @Test
    void everyAuthorizationAndDpopHeaderIsRead() {
        HttpRequest<?> request = get("/x", "Authorization", "Bearer a", "Authorization", "Bearer b", "DPoP", "p");
        HttpAuthRequest read = new HttpAuthRequest(request, ECHO);
        assertEquals(List.of("Bearer a", "Bearer b"), read.authorization());
        assertEquals(List.of("p"), read.dpopProofs());
        assertEquals("GET", read.method());
    }

    @Test
    void anAccessTokenQueryParameterIsNoticedButNotOtherParameters() {
        var withParameter = HttpRequest.GET("/x?access_token=t");
        withParameter.getParameters().add("access_token", "t"); // as the server parses it from the query
        assertTrue(new HttpAuthRequest(withParameter, ECHO).accessTokenInQuery());
        assertFalse(new HttpAuthRequest(get("/x?my_access_token_id=t"), ECHO).accessTokenInQuery());
        assertFalse(new HttpAuthRequest(get("/x"), ECHO).accessTokenInQuery());
    }
}
