package com.example.resourceserver.auth.testing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP identity-provider stand-in on 127.0.0.1: serves a JWKS at {@code /jwks} and an OpenID
 * discovery document at {@code /.well-known/openid-configuration}, counts every request per path, and
 * can be made to fail (HTTP 500) or hang, so tests exercise the service's real key fetching.
 * Any other path answers 404 and is counted too (that is how tests prove a {@code jku} is never fetched).
 */
public final class JwksServer implements AutoCloseable {

    public enum Mode {
        SERVE,
        FAIL_500,
        HANG
    }

    public static final String JWKS_PATH = "/jwks";
    public static final String DISCOVERY_PATH = "/.well-known/openid-configuration";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "jwks-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private volatile String jwksJson = new JWKSet().toString();
    private volatile Mode mode = Mode.SERVE;
    private volatile CountDownLatch hang = new CountDownLatch(1);
    private volatile String discoveryIssuer;

    private JwksServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        discoveryIssuer = baseUrl();
    }

    public static JwksServer start() {
        try {
            return new JwksServer();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the test JWKS server", e);
        }
    }

    /** {@code http://127.0.0.1:port}, without trailing slash. Also the issuer its discovery document names. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public URI jwksUri() {
        return URI.create(baseUrl() + JWKS_PATH);
    }

    public String url(String path) {
        return baseUrl() + path;
    }

    /** Publishes exactly these keys (public parts only). */
    public JwksServer publish(JWK... keys) {
        List<JWK> publicKeys = new ArrayList<>();
        for (JWK key : keys) {
            publicKeys.add(key.toPublicJWK());
        }
        jwksJson = new JWKSet(publicKeys).toString();
        return this;
    }

    /** Publishes a raw JWKS document, for malformed-entry tests. */
    public JwksServer publishRaw(String json) {
        jwksJson = json;
        return this;
    }

    /** The issuer value written into the discovery document (default: {@link #baseUrl()}). */
    public JwksServer discoveryIssuer(String issuer) {
        discoveryIssuer = issuer;
        return this;
    }

    public JwksServer mode(Mode newMode) {
        if (mode == Mode.HANG && newMode != Mode.HANG) {
            hang.countDown();
        }
        if (newMode == Mode.HANG) {
            hang = new CountDownLatch(1);
        }
        mode = newMode;
        return this;
    }

    public int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    public void resetCounts() {
        requests.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try (exchange) {
            Mode current = mode;
            if (current == Mode.HANG) {
                try {
                    hang.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return; // close without an answer
            }
            if (current == Mode.FAIL_500) {
                respond(exchange, 500, "{\"error\":\"boom\"}");
                return;
            }
            switch (path) {
                case JWKS_PATH -> respond(exchange, 200, jwksJson);
                case DISCOVERY_PATH ->
                    respond(
                            exchange,
                            200,
                            "{\"issuer\":\"" + discoveryIssuer + "\",\"jwks_uri\":\"" + jwksUri() + "\"}");
                default -> respond(exchange, 404, "{}");
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        hang.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
