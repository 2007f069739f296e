package com.example.resourceserver.app.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The launcher app/run, as tests use it: its JVM defaults (which the container image, Jib and the
 * benchmarks share) and what it would run (its print mode, {@code APP_RUN_PRINT=1}), without starting
 * a JVM. Runs with the test JVM's own java unless the environment names another JAVA_HOME.
 */
public final class AppRun {

    /** Surefire and failsafe run with app/ as working directory. */
    public static final Path SCRIPT = Path.of("run").toAbsolutePath();

    private static final Pattern DEFAULTS = Pattern.compile("(?m)^defaults=\\(([^)]*)\\)$");

    private AppRun() {}

    /** The JVM options app/run passes before any given ones: its {@code defaults=(...)} line. */
    public static List<String> jvmDefaults() throws IOException {
        Matcher line = DEFAULTS.matcher(Files.readString(SCRIPT));
        assertTrue(line.find(), "app/run has a defaults=(...) line");
        return List.of(line.group(1).trim().split("\\s+"));
    }

    /** The heap bound of {@link #jvmDefaults()}, in MiB. */
    public static long maxHeapMebibytes() throws IOException {
        List<String> defaults = jvmDefaults();
        String xmx = defaults.stream()
                .filter(f -> f.startsWith("-Xmx"))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("app/run bounds the heap with -Xmx: " + defaults));
        Matcher size = Pattern.compile("-Xmx(\\d+)([mMgG])").matcher(xmx);
        assertTrue(size.matches(), "heap in m or g: " + xmx);
        return Long.parseLong(size.group(1)) * (size.group(2).equalsIgnoreCase("g") ? 1024 : 1);
    }

    /** What a run of a script printed and how it ended. */
    public record Result(int exitCode, List<String> lines, String output) {}

    /** The java command line {@code script} would run with this environment and these arguments. */
    public static Result print(Path script, Map<String, String> environment, String... arguments) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("APP_RUN_PRINT", "1");
        ProcessBuilder builder = builder(script, env, arguments);
        builder.redirectError(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "app/run hangs in print mode");
        return new Result(process.exitValue(), out.isEmpty() ? List.of() : List.of(out.split("\n")), out + err);
    }

    /** The value of the one argument starting with {@code prefix}, e.g. -XX:AOTCache=. */
    public static String flag(List<String> command, String prefix) {
        List<String> found = command.stream().filter(a -> a.startsWith(prefix)).toList();
        assertEquals(1, found.size(), prefix + " once in " + command);
        return found.get(0).substring(prefix.length());
    }

    /**
     * A JDK as far as app/run's print mode looks at it: bin/java and the release file with these
     * versions (JAVA_VERSION, JAVA_RUNTIME_VERSION). Its java only says it is not one.
     */
    public static Path fakeJdk(Path home, String version, String runtimeVersion) throws IOException {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\necho 'not a JVM' >&2\nexit 1\n");
        assertTrue(java.toFile().setExecutable(true));
        Files.writeString(
                home.resolve("release"),
                "IMPLEMENTOR=\"Test\"\nJAVA_RUNTIME_VERSION=\"" + runtimeVersion + "\"\nJAVA_VERSION=\"" + version
                        + "\"\n");
        return home;
    }

    /**
     * A process builder for {@code script} with only PATH and HOME of this environment, JAVA_HOME of
     * this JVM, and {@code environment} on top.
     */
    static ProcessBuilder builder(Path script, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> !name.equals("PATH") && !name.equals("HOME"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(environment);
        return builder;
    }
}
