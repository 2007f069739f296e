package com.example.resourceserver.app.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real {@code Application.main} in its own JVM with a chosen environment, the way an operator
 * starts it: for what only a process shows (exit codes, what reaches the console, environment-variable
 * mapping). Uses the test JVM's own classpath.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ChildJvm(Process process) {
        this.process = process;
        this.reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = in.readLine()) != null) {
                            synchronized (lines) {
                                lines.add(line);
                            }
                        }
                    } catch (IOException ignored) {
                        // process ended
                    }
                },
                "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} with only these environment variables besides PATH and JAVA_HOME. */
    public static ChildJvm start(String mainClass, Map<String, String> environment) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The production logging configuration, not the tests' quieter one that is first on this classpath.
        String logging = ChildJvm.class.getResource("/logback.xml").toString();
        ProcessBuilder builder = new ProcessBuilder(
                        java,
                        "-Xmx128m",
                        "-Dlogback.configurationFile=" + logging,
                        "-cp",
                        System.getProperty("java.class.path"),
                        mainClass)
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> !name.equals("PATH") && !name.equals("JAVA_HOME") && !name.equals("HOME"));
        env.putAll(environment);
        try {
            return new ChildJvm(builder.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a JVM", e);
        }
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the process did not end within " + seconds + " s; output: " + output());
        }
        reader.join(5000);
        return process.exitValue();
    }

    /** Waits until a line containing {@code text} appears; false if the process ends or time runs out first. */
    public boolean awaitLine(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (output().contains(text)) {
                return true;
            }
            if (!process.isAlive()) {
                reader.join(2000);
                return output().contains(text);
            }
            Thread.sleep(50);
        }
        return false;
    }

    /**
     * What the process printed, with each JSON log line reduced to its message (the production log
     * format is one JSON object per line), so that tests read what an operator reads.
     */
    public String output() {
        synchronized (lines) {
            return String.join("\n", lines.stream().map(ChildJvm::message).toList());
        }
    }

    /** The lines exactly as the process wrote them. */
    public List<String> rawLines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    private static String message(String line) {
        if (!line.startsWith("{")) {
            return line;
        }
        try {
            Map<String, Object> json = com.nimbusds.jose.util.JSONObjectUtils.parse(line);
            return json.get("level") + " " + json.get("formattedMessage");
        } catch (java.text.ParseException e) {
            return line;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
