package com.example.resourceserver.app.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A server in its own process (Keycloak, oidc-provider) that a test class starts once and must never
 * leave behind: its output goes to a log file, readiness is polled with a bound, and it is stopped with
 * its whole process tree ({@code kc.sh} runs java as a child) on {@link #close()} or, should the test
 * JVM end first (failure, Ctrl-C, killed fork), from a JVM shutdown hook.
 */
public final class ExternalServer implements AutoCloseable {

    private static final int LOG_LINES_ON_FAILURE = 40;
    private static final List<String> INHERITED_VARIABLES = List.of("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR", "USER");

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread shutdownHook;
    private volatile boolean stopped;

    private ExternalServer(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.shutdownHook = new Thread(this::stopProcessTree, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts {@code command} in {@code directory}, appending its output to {@code <name>.log} in the
     * {@link #logDirectory()}, with only a few inherited variables (PATH, HOME, ...)
     * plus {@code environment}, so settings on the developer's machine (KC_*, NODE_OPTIONS) cannot leak in.
     */
    public static ExternalServer start(
            String name, List<String> command, Path directory, Map<String, String> environment) {
        Path log = logDirectory().resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Map<String, String> env = builder.environment();
        env.keySet().retainAll(INHERITED_VARIABLES);
        env.putAll(environment);
        try {
            return new ExternalServer(name, builder.start(), log);
        } catch (IOException e) {
            throw new AssertionError(
                    "Could not start " + name + " (" + String.join(" ", command) + "): " + e.getMessage(), e);
        }
    }

    /** A port on 127.0.0.1 that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where server logs are written: {@code app/target/provider-logs} under Maven. */
    public static Path logDirectory() {
        Path directory = Path.of(System.getProperty("provider.logs", System.getProperty("java.io.tmpdir")));
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Polls {@code readiness} until it answers 200. Fails with the end of the server's log when the
     * process ends first or {@code bound} passes.
     */
    public void awaitReady(URI readiness, Duration bound) {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + bound.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended with exit code " + process.exitValue() + " before " + readiness
                        + " answered; last lines of " + log + ":\n" + tail());
            }
            try {
                HttpResponse<Void> response = client.send(
                        HttpRequest.newBuilder(readiness)
                                .timeout(Duration.ofSeconds(5))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + name, e);
            }
            sleep(500);
        }
        throw new AssertionError(name + " was not ready within " + bound.toSeconds() + " s (" + readiness
                + " never answered 200); last lines of " + log + ":\n" + tail());
    }

    /** The last lines the server wrote, for failure messages. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES_ON_FAILURE), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        stopProcessTree();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs (or ran) anyway
        }
    }

    /** SIGTERM to the process and every descendant, then SIGKILL to whatever is left after 20 s. */
    private synchronized void stopProcessTree() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<ProcessHandle> tree = Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .collect(Collectors.toCollection(ArrayList::new));
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // still alive (or interrupted): killed below
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
