package com.example.resourceserver.app.support;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * panva/oidc-provider 9.13.3 from npm (pinned by {@code src/test/oidc-provider/package-lock.json}),
 * run with the machine's Node.js as {@code node server.mjs} on a free port of 127.0.0.1. It signs with
 * the first of the keys it is given and publishes all of them; a restart on the same port (same issuer)
 * with other keys is how its keys rotate.
 */
public final class OidcProviderServer implements AutoCloseable {

    private static final List<String> PACKAGE_FILES = List.of("package.json", "package-lock.json", "server.mjs");
    private static final Duration STARTUP_BOUND = Duration.ofSeconds(60);
    private static boolean installed;

    private final int port;
    private ExternalServer process;
    private int starts;

    private OidcProviderServer(int port) {
        this.port = port;
    }

    /** Starts it on a free port; {@code keys} are private keys, the first one signs. */
    public static OidcProviderServer start(List<? extends JWK> keys) {
        Path directory = installedPackage();
        OidcProviderServer server = new OidcProviderServer(ExternalServer.freePort());
        server.launch(directory, keys);
        return server;
    }

    /** Stops it and starts it again on the same port, so with the same issuer, with these keys. */
    public void restartWith(List<? extends JWK> keys) {
        process.close();
        launch(installedPackage(), keys);
    }

    private void launch(Path directory, List<? extends JWK> keys) {
        starts++;
        Path keysFile = directory.resolve("keys-" + port + "-" + starts + ".json");
        try {
            Files.writeString(keysFile, new JWKSet(List.copyOf(keys)).toString(false), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process = ExternalServer.start(
                "oidc-provider-" + port,
                List.of("node", "server.mjs"),
                directory,
                Map.of("OP_PORT", String.valueOf(port), "OP_KEYS_FILE", keysFile.toString()));
        try {
            process.awaitReady(URI.create(issuer() + "/.well-known/openid-configuration"), STARTUP_BOUND);
        } catch (AssertionError e) {
            process.close();
            throw e;
        }
    }

    /** {@code http://127.0.0.1:<port>}: oidc-provider's issuer has no trailing slash. */
    public String issuer() {
        return "http://127.0.0.1:" + port;
    }

    public String tokenEndpoint() {
        return issuer() + "/token";
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
        }
    }

    /**
     * Copies the package files into {@code app/target/oidc-provider} and runs {@code npm ci} there once
     * (again only when the lock file changed). npm's cache makes later runs offline.
     */
    private static synchronized Path installedPackage() {
        Path source = Path.of(System.getProperty("oidc-provider.source", "src/test/oidc-provider"));
        Path directory = Path.of(System.getProperty("oidc-provider.workdir", "target/oidc-provider"));
        if (installed) {
            return directory;
        }
        requireTool("node");
        requireTool("npm");
        try {
            Files.createDirectories(directory);
            for (String file : PACKAGE_FILES) {
                Files.copy(source.resolve(file), directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Path marker = directory.resolve(".installed-package-lock.json");
            boolean upToDate = Files.exists(marker)
                    && Files.isDirectory(directory.resolve("node_modules/oidc-provider"))
                    && Arrays.equals(
                            Files.readAllBytes(marker), Files.readAllBytes(directory.resolve("package-lock.json")));
            if (!upToDate) {
                run(directory, Duration.ofMinutes(5), "npm", "ci", "--prefer-offline", "--no-audit", "--no-fund");
                Files.copy(directory.resolve("package-lock.json"), marker, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + directory, e);
        }
        installed = true;
        return directory;
    }

    /** A missing tool fails the test with what to install; it never turns into a skip. */
    private static void requireTool(String tool) {
        try {
            run(Path.of("."), Duration.ofSeconds(60), tool, "--version");
        } catch (AssertionError e) {
            throw new AssertionError(
                    "The oidc-provider tests need Node.js 20 or later and npm on the PATH, and `"
                            + tool
                            + " --version` failed: install Node.js with npm (e.g. `apt-get install nodejs npm`, or from "
                            + "https://nodejs.org) and run the build again. Cause: " + e.getMessage(),
                    e);
        }
    }

    private static String run(Path directory, Duration bound, String... command) {
        String commandLine = String.join(" ", command);
        try {
            Path output = Files.createTempFile(ExternalServer.logDirectory(), command[0] + "-", ".log");
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(
                        commandLine + " did not finish within " + bound.toSeconds() + " s; output in " + output);
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(commandLine + " exited with " + process.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new AssertionError(commandLine + " could not be run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + commandLine, e);
        }
    }
}
