package com.example.resourceserver.app.launch;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The service started through app/run as a child process, with its output kept for assertions. */
final class LaunchedService implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LaunchedService(Process process) {
        this.process = process;
        this.reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            synchronized (lines) {
                                lines.add(line);
                            }
                        }
                    } catch (IOException ignored) {
                        // the process ended
                    }
                },
                "app-run-output");
        reader.setDaemon(true);
        reader.start();
    }

    static LaunchedService start(Map<String, String> environment, String... arguments) throws IOException {
        return new LaunchedService(AppRun.builder(AppRun.SCRIPT, environment, arguments)
                .redirectErrorStream(true)
                .start());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Polls GET {@code path} on 127.0.0.1 until it answers {@code status}; false if the process ends or
     * the time runs out first.
     */
    boolean awaitStatus(int port, String path, int status, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5))
                .build();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == status) {
                    return true;
                }
            } catch (IOException notYetListening) {
                // connection refused until the server binds
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Sends SIGTERM (what docker stop and Kubernetes send) and returns the exit code. */
    int stop(long seconds) throws InterruptedException {
        process.destroy();
        return awaitExit(seconds);
    }

    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            killAll();
            throw new AssertionError("app/run did not end within " + seconds + " s; output: " + output());
        }
        reader.join(5000);
        return process.exitValue();
    }

    /** app/run and the JVM it started, which outlives it when app/run is killed. */
    private void killAll() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                killAll();
            }
        }
    }
}
