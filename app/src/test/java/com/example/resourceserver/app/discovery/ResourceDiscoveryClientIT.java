package com.example.resourceserver.app.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.JwksServer;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * RFC 9728 proven against client code nobody here wrote: {@code oauth4webapi} 3.8.8 from npm (pinned by
 * {@code src/test/resource-discovery/package-lock.json}), run with the machine's Node.js. From a 401 on a
 * protected route it must find the metadata, accept it for the resource it called, and learn the issuer.
 * Node.js and npm missing fail the test (they are needed by the oidc-provider tests too); never a skip.
 */
class ResourceDiscoveryClientIT {

    private static final List<String> PACKAGE_FILES = List.of("package.json", "package-lock.json", "discover.mjs");

    @Test
    @SuppressWarnings("unchecked")
    void oauth4webapiFindsTheIssuerFromA401() throws Exception {
        Path directory = installedPackage();
        try (JwksServer jwks = JwksServer.start();
                ServiceUnderTest service = ServiceUnderTest.start(ServiceUnderTest.propertiesTrusting(jwks))) {
            String resource = "http://127.0.0.1:" + service.port();
            String output = run(directory, Duration.ofSeconds(60), "node", "discover.mjs", resource, "/api/private");
            String lastLine = output.strip().lines().reduce((a, b) -> b).orElse("");
            Map<String, Object> learned = JsonMapper.createDefault().readValue(lastLine, Map.class);

            assertEquals("invalid_token", learned.get("challengeError"), output);
            assertEquals(resource + "/.well-known/oauth-protected-resource", learned.get("metadataUrl"));
            assertEquals(learned.get("metadataUrl"), learned.get("derivedUrl"), "the 401 names the §3.1 URL");
            assertEquals(List.of(jwks.baseUrl()), learned.get("authorizationServers"));
            assertEquals(Boolean.TRUE, learned.get("sameDocument"));
            // Every route's declared scope, the test-only recipe route's included (recipe.ArchiveController).
            assertEquals(List.of("read:archive", "read:messages"), learned.get("scopesSupported"));
        }
    }

    /** Copies the package into target/ and runs {@code npm ci} there, again only when the lock file changed. */
    private static synchronized Path installedPackage() throws IOException {
        Path source = Path.of(System.getProperty("resource-discovery.source", "src/test/resource-discovery"));
        Path directory = Path.of(System.getProperty("resource-discovery.workdir", "target/resource-discovery"));
        Files.createDirectories(directory);
        for (String file : PACKAGE_FILES) {
            Files.copy(source.resolve(file), directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Path marker = directory.resolve(".installed-package-lock.json");
        boolean upToDate = Files.exists(marker)
                && Files.isDirectory(directory.resolve("node_modules/oauth4webapi"))
                && Arrays.equals(
                        Files.readAllBytes(marker), Files.readAllBytes(directory.resolve("package-lock.json")));
        if (!upToDate) {
            run(directory, Duration.ofMinutes(5), "npm", "ci", "--prefer-offline", "--no-audit", "--no-fund");
            Files.copy(directory.resolve("package-lock.json"), marker, StandardCopyOption.REPLACE_EXISTING);
        }
        return directory;
    }

    private static String run(Path directory, Duration bound, String... command) throws IOException {
        String commandLine = String.join(" ", command);
        Path output = Files.createTempFile(command[0] + "-", ".log");
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    commandLine + " could not be run: this test needs Node.js 20 or later and npm "
                            + "on the PATH (e.g. apt-get install nodejs npm)",
                    e);
        }
        try {
            if (!process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(commandLine + " did not finish within " + bound.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + commandLine, e);
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new AssertionError(commandLine + " exited with " + process.exitValue() + ":\n" + text);
        }
        return text;
    }
}
