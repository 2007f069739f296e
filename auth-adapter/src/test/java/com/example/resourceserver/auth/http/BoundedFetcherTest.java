package com.example.resourceserver.auth.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The HTTP client's own threads stay bounded; a POST survives a connection the server dropped. */
class BoundedFetcherTest {

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
            BoundedFetcher http = new BoundedFetcher("introspection", Duration.ofSeconds(5), 1024);
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/introspect");
            List<Future<BoundedFetcher.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                answers.add(callers.submit(() -> http.post(uri, Map.of(), "token=t")));
            }
            for (Future<BoundedFetcher.Answer> answer : answers) {
                assertEquals(200, answer.get().status());
            }

            long completionThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith(http.threadNamePrefix()))
                    .count();
            assertTrue(
                    completionThreads >= 1 && completionThreads <= 2,
                    "24 exchanges at once, completion threads: " + completionThreads);
        } finally {
            callers.shutdownNow();
            server.stop(0);
        }
    }

    @Test
    void aPostWhoseConnectionIsDroppedBeforeAnyAnswerIsSentOnceMore() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try {
                    for (int i = 0; i < 2; i++) {
                        try (Socket socket = server.accept()) {
                            readHeaders(socket.getInputStream());
                            if (requests.incrementAndGet() == 1) {
                                continue; // as a server does that closed the pooled connection: no answer at all
                            }
                            socket.getOutputStream()
                                    .write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                                    + "Content-Length: 16\r\nConnection: close\r\n\r\n"
                                                    + "{\"active\":false}")
                                            .getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                } catch (java.io.IOException e) {
                    // the test ended
                }
            });
            answering.start();
            BoundedFetcher http = new BoundedFetcher("introspection", Duration.ofSeconds(5), 1024);
            URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/introspect");

            BoundedFetcher.Answer answer = http.post(uri, Map.of(), "token=t");

            assertEquals(200, answer.status());
            assertEquals("{\"active\":false}", answer.body());
            assertEquals(2, requests.get());
        }
    }

    private static void readHeaders(InputStream in) throws java.io.IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
