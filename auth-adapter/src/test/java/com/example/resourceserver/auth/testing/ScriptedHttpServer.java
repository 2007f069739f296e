package com.example.resourceserver.auth.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on 127.0.0.1 whose answers a test scripts path by path: redirects, and bodies sent
 * with a {@code Content-Length} or chunked (without one). Counts every request per path; unscripted
 * paths answer 404. For what {@link JwksServer}'s fixed routes cannot show: how the service treats
 * redirects and oversized answers while fetching keys.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    private record Answer(int status, String location, String body, boolean chunked) {}

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-http-server");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private ScriptedHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static ScriptedHttpServer start() {
        try {
            return new ScriptedHttpServer();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the scripted HTTP server", e);
        }
    }

    /** {@code http://127.0.0.1:port}, without trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
    }

    /** {@code path} answers {@code status} (a 3xx) with this {@code Location}, absolute or relative. */
    public ScriptedHttpServer redirect(String path, int status, String location) {
        answers.put(path, new Answer(status, location, "", false));
        return this;
    }

    /** {@code path} answers 200 with this JSON body and its {@code Content-Length}. */
    public ScriptedHttpServer json(String path, String body) {
        answers.put(path, new Answer(200, null, body, false));
        return this;
    }

    /** {@code path} answers 200 with this JSON body, chunked: no {@code Content-Length} announces its size. */
    public ScriptedHttpServer chunkedJson(String path, String body) {
        answers.put(path, new Answer(200, null, body, true));
        return this;
    }

    public int requests(String path) {
        AtomicInteger count = requests.get(path);
        return count == null ? 0 : count.get();
    }

    /** Requests over all paths. */
    public int requests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try (exchange) {
            Answer answer = answers.getOrDefault(path, new Answer(404, null, "{}", false));
            if (answer.location() != null) {
                exchange.getResponseHeaders().set("Location", answer.location());
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            // Length 0 makes the JDK server send the body chunked; -1 means no body at all.
            long length = answer.chunked() ? 0 : bytes.length == 0 ? -1 : bytes.length;
            exchange.sendResponseHeaders(answer.status(), length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (answer.chunked()) {
                    for (int offset = 0; offset < bytes.length; offset += 1024) {
                        out.write(bytes, offset, Math.min(1024, bytes.length - offset));
                        out.flush();
                    }
                } else {
                    out.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
