package com.example.resourceserver.app.support;

import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The whole service, started in-process on a free port of 127.0.0.1 with the given properties, plus a
 * JDK HTTP client to call it. For tests that need their own configuration per case; the others use
 * {@code @MicronautTest}.
 */
public final class ServiceUnderTest implements AutoCloseable {

    public static final String AUDIENCE = TestIdentityProvider.DEFAULT_AUDIENCE;

    private final EmbeddedServer server;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServiceUnderTest(EmbeddedServer server) {
        this.server = server;
    }

    public static ServiceUnderTest start(Map<String, Object> properties, String... environments) {
        Map<String, Object> all = new HashMap<>();
        all.put("micronaut.server.port", -1);
        all.put("micronaut.server.host", "127.0.0.1");
        // The dev environment would switch logging to logback-dev.xml for the whole test JVM.
        all.put("logger.config", "logback-test.xml");
        all.putAll(properties);
        return new ServiceUnderTest(ApplicationContext.run(EmbeddedServer.class, all, environments));
    }

    /** Starts the service trusting {@code idp} (issuer, audience, JWKS URL); it stops before {@code idp} does. */
    public static ServiceUnderTest startTrusting(TestIdentityProvider idp) {
        return trusting(idp).start();
    }

    /**
     * Plain properties trusting a bare {@link JwksServer} (issuer = its base URL), for tests that assemble
     * several issuers or other servers themselves; most tests want {@link #trusting(TestIdentityProvider)}.
     */
    public static Map<String, Object> propertiesTrusting(JwksServer jwks) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("auth.issuer", jwks.baseUrl());
        properties.put("auth.audience", AUDIENCE);
        properties.put("auth.jwks-uri", jwks.jwksUri().toString());
        return properties;
    }

    /** Settings that trust {@code idp}, with an explicit JWKS URL, to add to before {@link Settings#start}. */
    public static Settings trusting(TestIdentityProvider idp) {
        return new Settings(idp);
    }

    /** The service's properties for one test, built up from "trust this identity provider". */
    public static final class Settings {
        private final TestIdentityProvider idp;
        private final Map<String, Object> properties = new HashMap<>();

        private Settings(TestIdentityProvider idp) {
            this.idp = idp;
            properties.put("auth.issuer", idp.issuer());
            properties.put("auth.audience", idp.audience());
            properties.put("auth.jwks-uri", idp.jwksUri().toString());
        }

        public Settings with(String name, Object value) {
            properties.put(name, value);
            return this;
        }

        public Settings without(String name) {
            properties.remove(name);
            return this;
        }

        /**
         * Key caching shortened (2 s TTL, refetch at most twice per 500 ms, 700 ms fetch timeout) so that
         * "after the next refresh" happens within a test.
         */
        public Settings fastKeyRefresh() {
            return with("auth.jwks.cache-ttl", "2s")
                    .with("auth.jwks.refresh-ahead", "200ms")
                    .with("auth.jwks.min-refresh-interval", "500ms")
                    .with("auth.jwks.fetch-timeout", "700ms");
        }

        /** Starts the service; it is closed when the identity provider stops, if not before. */
        public ServiceUnderTest start(String... environments) {
            return idp.closeAfterwards(ServiceUnderTest.start(properties, environments));
        }
    }

    public int port() {
        return server.getPort();
    }

    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    public HttpResponse<String> get(String path, String... headerPairs) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        for (int i = 0; i < headerPairs.length; i += 2) {
            request.header(headerPairs[i], headerPairs[i + 1]);
        }
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> getWithToken(String path, String token) {
        return get(path, "Authorization", "Bearer " + token);
    }

    /** The status of {@code GET path} with {@code Authorization: Bearer token}. */
    public int statusWithToken(String path, String token) {
        return getWithToken(path, token).statusCode();
    }

    /** Stops the service; again is a no-op. */
    @Override
    public void close() {
        if (server.getApplicationContext().isRunning()) {
            server.getApplicationContext().close();
        }
    }
}
