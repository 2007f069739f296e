package com.example.resourceserver.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keycloak from the server distribution that Maven unpacked into {@code app/target/keycloak} (see
 * app/pom.xml), started in development mode on a free port of 127.0.0.1 with the realm of
 * {@code src/test/resources/keycloak/demo-realm.json} imported. No Docker involved. One instance at a
 * time per distribution directory (its development database lives there); failsafe runs the test
 * classes one after another.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM_RESOURCE = "keycloak/demo-realm.json";
    public static final String REALM = "demo";
    public static final String ADMIN_USERNAME = "admin";
    public static final String ADMIN_PASSWORD = "admin-for-tests";
    /**
     * The first start on a fresh distribution also builds the server; a loaded 2-core machine is slow (at a
     * load average of 10 the build and the realm import took over 200 s together).
     */
    static final Duration STARTUP_BOUND = Duration.ofSeconds(300);

    private final ExternalServer process;
    private final String baseUrl;

    private KeycloakServer(ExternalServer process, String baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
    }

    public static KeycloakServer start() {
        Path home = home();
        prepareData(home);
        int port = ExternalServer.freePort();
        String java = Path.of(System.getProperty("java.home")).toString();
        ExternalServer process = ExternalServer.start(
                "keycloak-" + port,
                List.of(
                        "/bin/sh",
                        home.resolve("bin/kc.sh").toString(),
                        "start-dev",
                        "--http-host",
                        "127.0.0.1",
                        "--http-port",
                        String.valueOf(port),
                        "--import-realm"),
                home,
                Map.of(
                        "JAVA_HOME", java, // the test JVM's own Java 17+
                        "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME,
                        "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD));
        String baseUrl = "http://127.0.0.1:" + port;
        try {
            // Ready means the imported realm answers discovery, not just that the port is open.
            process.awaitReady(
                    URI.create(baseUrl + "/realms/" + REALM + "/.well-known/openid-configuration"), STARTUP_BOUND);
        } catch (AssertionError e) {
            process.close();
            throw e;
        }
        return new KeycloakServer(process, baseUrl);
    }

    /** The unpacked distribution; Maven passes its location (see the failsafe configuration in app/pom.xml). */
    static Path home() {
        String configured = System.getProperty("keycloak.home");
        if (configured == null || !Files.isRegularFile(Path.of(configured, "bin", "kc.sh"))) {
            throw new AssertionError(
                    "The Keycloak distribution was not found" + (configured == null ? "" : " at " + configured)
                            + ": run these tests through Maven (./mvnw -B verify, or ./mvnw -B verify -pl app -am -Dit.test=...), "
                            + "which unpacks org.keycloak:keycloak-quarkus-dist into app/target/keycloak before the integration tests.");
        }
        return Path.of(configured);
    }

    /**
     * A fresh database for every start: the development database lives in {@code data/h2} and would keep
     * the previous run's realm (with its rotated keys), because an import skips realms that exist.
     */
    private static void prepareData(Path home) {
        Path data = home.resolve("data");
        try {
            if (Files.exists(data)) {
                try (Stream<Path> paths = Files.walk(data)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Path imports = Files.createDirectories(data.resolve("import"));
            try (InputStream realm = KeycloakServer.class.getClassLoader().getResourceAsStream(REALM_RESOURCE)) {
                if (realm == null) {
                    throw new AssertionError(REALM_RESOURCE + " is not on the test classpath");
                }
                Files.copy(realm, imports.resolve("demo-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + data, e);
        }
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    public ExternalServer process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
    }
}
