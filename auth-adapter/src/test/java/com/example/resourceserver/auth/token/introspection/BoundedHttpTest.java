package com.example.resourceserver.auth.token.introspection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The HTTP client's own threads stay bounded however many exchanges are in flight. */
class BoundedHttpTest {

    @Test
    void manyConcurrentExchangesShareTwoCompletionThreads() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(32));
        server.createContext("/introspect", exchange -> {
            try {
                Thread.sleep(300); // all exchanges in flight at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = "{\"active\":false}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        ExecutorService callers = Executors.newFixedThreadPool(24);
        try {
            BoundedHttp http = new BoundedHttp(Duration.ofSeconds(5), 1024);
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/introspect");
            List<Future<BoundedHttp.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(callers.submit(() -> http.post(uri, Map.of(), "token=t")));
            }
            for (Future<BoundedHttp.Answer> answer : answers) {
                assertEquals(200, answer.get().status());
            }

            long completionThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith(http.threadNamePrefix))
                    .count();
            assertTrue(
                    completionThreads >= 1 && completionThreads <= 2,
                    "24 exchanges at once, completion threads: " + completionThreads);
        } finally {
            callers.shutdownNow();
            server.stop(0);
        }
    }
}
