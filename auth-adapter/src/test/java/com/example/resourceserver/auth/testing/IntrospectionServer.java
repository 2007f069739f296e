package com.example.resourceserver.auth.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A real RFC 7662 introspection endpoint on 127.0.0.1 for tests: what it answers is set per test
 * ({@link #answer}), what it was asked is recorded. Also serves discovery metadata naming it.
 */
public final class IntrospectionServer implements AutoCloseable {

    public static final String PATH = "/introspect";

    /** One answer: status, content type, body, an optional Location, and how long to wait before it. */
    public record Reply(int status, String contentType, byte[] body, String location, long delayMillis) {

        public static Reply json(String body) {
            return new Reply(200, "application/json", body.getBytes(StandardCharsets.UTF_8), null, 0);
        }

        public Reply delayed(long millis) {
            return new Reply(status, contentType, body, location, millis);
        }
    }

    /** One request as received: the Authorization and Accept headers and the decoded form. */
    public record Received(String authorization, String accept, Map<String, String> form) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Function<String, Reply> answer = token -> Reply.json("{\"active\":false}");
    private volatile String discoveryIssuer;

    private IntrospectionServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(PATH, this::introspect);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/elsewhere", exchange -> {
            calls.incrementAndGet();
            send(exchange, Reply.json("{\"active\":true}"));
        });
        server.start();
    }

    public static IntrospectionServer start() {
        return new IntrospectionServer();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public URI endpoint() {
        return URI.create(baseUrl() + PATH);
    }

    /** What the endpoint answers for a token. */
    public void answer(Function<String, Reply> answer) {
        this.answer = answer;
    }

    /** Discovery metadata that names this issuer and this endpoint. */
    public void discoveryFor(String issuer) {
        this.discoveryIssuer = issuer;
    }

    /** Requests to the endpoint and to {@code /elsewhere} (where redirects point). */
    public int calls() {
        return calls.get();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void introspect(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> form = new java.util.HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        received.add(new Received(
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Accept"),
                Map.copyOf(form)));
        send(exchange, answer.apply(form.getOrDefault("token", "")));
    }

    private void discovery(HttpExchange exchange) throws IOException {
        if (discoveryIssuer == null) {
            send(exchange, new Reply(404, "application/json", "{}".getBytes(StandardCharsets.UTF_8), null, 0));
            return;
        }
        send(
                exchange,
                Reply.json(
                        "{\"issuer\":\"" + discoveryIssuer + "\",\"introspection_endpoint\":\"" + endpoint() + "\"}"));
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        try {
            if (reply.delayMillis() > 0) {
                Thread.sleep(reply.delayMillis()); // a slow endpoint is what this reply simulates
            }
            if (reply.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            }
            if (reply.location() != null) {
                exchange.getResponseHeaders().set("Location", reply.location());
            }
            exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the client gave up (timeout, size bound): nothing to answer
        } finally {
            exchange.close();
        }
    }

    public String redirectTarget() {
        return baseUrl() + "/elsewhere";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
