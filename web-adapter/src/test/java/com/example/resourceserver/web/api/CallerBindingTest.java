package com.example.resourceserver.web.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.resourceserver.domain.caller.Caller;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A route that asks for a {@link Caller} but is reached without authentication (here: opened to anyone
 * by mistake) answers exactly what the security filter answers an unauthenticated request to a protected
 * route: 401, the bare challenge, the JSON body. Never 400 (unsatisfied argument) or 500.
 */
class CallerBindingTest {

    static EmbeddedServer server;
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = ApplicationContext.run(
                EmbeddedServer.class,
                Map.of(
                        "spec.name",
                        "CallerBindingTest",
                        "micronaut.server.port",
                        -1,
                        "micronaut.server.host",
                        "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aRouteAskingForACallerFailsClosedLikeTheSecurityFilter() throws Exception {
        HttpResponse<String> bindingRefusal = get("/caller-binding/open-by-mistake");
        HttpResponse<String> filterRefusal = get("/caller-binding/protected");

        assertEquals(401, bindingRefusal.statusCode(), bindingRefusal.body());
        assertEquals(
                "Bearer realm=\"api\", resource_metadata=\"http://127.0.0.1:" + server.getPort()
                        + "/.well-known/oauth-protected-resource\"",
                bindingRefusal.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(
                "application/json",
                bindingRefusal.headers().firstValue("Content-Type").orElse(""));
        assertEquals(
                "{\"error\":\"unauthorized\",\"error_description\":\"Authentication is required: send an access "
                        + "token as Authorization: Bearer <token>\"}",
                bindingRefusal.body());

        assertEquals(filterRefusal.statusCode(), bindingRefusal.statusCode());
        assertEquals(
                filterRefusal.headers().allValues("WWW-Authenticate"),
                bindingRefusal.headers().allValues("WWW-Authenticate"));
        assertEquals(filterRefusal.body(), bindingRefusal.body());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Requires(property = "spec.name", value = "CallerBindingTest")
    @Controller("/caller-binding")
    static class CallerEcho {

        @Get("/open-by-mistake")
        @Secured(SecurityRule.IS_ANONYMOUS)
        String openByMistake(Caller caller) {
            return caller.subject();
        }

        @Get("/protected")
        @Secured(SecurityRule.IS_AUTHENTICATED)
        String protectedRoute(Caller caller) {
            return caller.subject();
        }
    }
}
