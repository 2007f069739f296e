package com.example.resourceserver.app.support;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Spring Authorization Server (Spring Boot 4.1.2, Spring Security 7.1.2) from the small Spring Boot app
 * in {@code src/test/sas}, run as a child JVM on a free port of 127.0.0.1. Not a module of the build:
 * on first use it is compiled with the project's Maven Wrapper into {@code app/target/sas} (again only
 * when its sources change), its dependencies coming from Maven Central through the local repository.
 * It reads its keys from a file on every use, so replacing the file rotates them without a restart.
 */
public final class SpringAuthorizationServer implements AutoCloseable {

    private static final Duration BUILD_BOUND = Duration.ofMinutes(10);
    private static final Duration STARTUP_BOUND = Duration.ofSeconds(120);
    private static final String MAIN_CLASS = "com.example.sas.TestAuthorizationServer";
    private static Path built;

    private final int port;
    private final Path keysFile;
    private final ExternalServer process;

    private SpringAuthorizationServer(int port, Path keysFile, ExternalServer process) {
        this.port = port;
        this.keysFile = keysFile;
        this.process = process;
    }

    /** Starts it on a free port; {@code keys} are private keys, all published, the first one signs. */
    public static SpringAuthorizationServer start(List<? extends JWK> keys) {
        Path directory = compiled();
        String classpath = directory.resolve("classes") + File.pathSeparator + read(directory.resolve("classpath.txt"));
        int port = ExternalServer.freePort();
        Path keysFile = directory.resolve("keys-" + port + ".json");
        writeKeys(keysFile, keys);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only and a small heap: it starts faster on a loaded 2-core machine and serves a few tokens.
        ExternalServer process = ExternalServer.start(
                "spring-authorization-server-" + port,
                List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m", "-cp", classpath, MAIN_CLASS),
                directory,
                Map.of("SAS_PORT", String.valueOf(port), "SAS_KEYS_FILE", keysFile.toString()));
        SpringAuthorizationServer server = new SpringAuthorizationServer(port, keysFile, process);
        try {
            process.awaitReady(URI.create(server.issuer() + "/.well-known/openid-configuration"), STARTUP_BOUND);
        } catch (AssertionError e) {
            process.close();
            throw e;
        }
        return server;
    }

    /** From now on these keys are published and the first one signs; the running server reads them anew. */
    public void publish(List<? extends JWK> keys) {
        writeKeys(keysFile, keys);
    }

    /** {@code http://127.0.0.1:<port>}, as configured in its application.yml: no trailing slash. */
    public String issuer() {
        return "http://127.0.0.1:" + port;
    }

    /** Spring Authorization Server's default token endpoint. */
    public String tokenEndpoint() {
        return issuer() + "/oauth2/token";
    }

    @Override
    public void close() {
        process.close();
    }

    /** Written beside and moved into place, so the server never reads half a file. */
    private static void writeKeys(Path file, List<? extends JWK> keys) {
        try {
            Path next = file.resolveSibling(file.getFileName() + ".next");
            Files.writeString(next, new JWKSet(List.copyOf(keys)).toString(false), StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code app/target/sas} with the compiled {@code classes} and the runtime {@code classpath.txt}, from
     * {@code mvnw -f src/test/sas/pom.xml compile} unless they were built from the same sources (a digest
     * of them is kept beside).
     */
    private static synchronized Path compiled() {
        if (built != null) {
            return built;
        }
        Path source = Path.of(System.getProperty("sas.source", "src/test/sas")).toAbsolutePath();
        Path directory =
                Path.of(System.getProperty("sas.workdir", "target/sas")).toAbsolutePath();
        Path marker = directory.resolve(".built-from");
        String digest = digest(source);
        try {
            boolean upToDate = Files.isRegularFile(directory.resolve("classpath.txt"))
                    && Files.isRegularFile(marker)
                    && Files.readString(marker).equals(digest);
            if (!upToDate) {
                Files.deleteIfExists(marker);
                build(source, directory);
                Files.writeString(marker, digest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + directory, e);
        }
        built = directory;
        return built;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void build(Path source, Path directory) {
        Path wrapper = Path.of(System.getProperty("sas.mvnw", "../mvnw")).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                wrapper.toString(),
                "-B",
                "-q",
                "-f",
                source.resolve("pom.xml").toString(),
                "compile",
                "-Dsas.build.directory=" + directory));
        // The same local repository as the outer build.
        String repository = System.getProperty("sas.maven.repo.local", "");
        if (!repository.isBlank()) {
            command.add("-Dmaven.repo.local=" + repository);
        }
        String commandLine = String.join(" ", command);
        try {
            Path output = ExternalServer.logDirectory().resolve("spring-authorization-server-build.log");
            Process process = new ProcessBuilder(command)
                    .directory(source.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(BUILD_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(commandLine + " did not finish within " + BUILD_BOUND.toMinutes()
                        + " min; output in " + output);
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(commandLine + " exited with " + process.exitValue() + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new AssertionError(commandLine + " could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + commandLine, e);
        }
    }

    /** SHA-256 over the paths and contents of the app's pom.xml and src/, so any edit means a rebuild. */
    private static String digest(Path source) {
        try (Stream<Path> files =
                Stream.concat(Stream.of(source.resolve("pom.xml")), Files.walk(source.resolve("src")))) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                sha.update(source.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                sha.update(Files.readAllBytes(file));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
