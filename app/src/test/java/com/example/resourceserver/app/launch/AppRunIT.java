package com.example.resourceserver.app.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built service started through app/run, as the README and the container image start it: after
 * the package phase (failsafe), so that the jar is the one just built. Each start takes a few seconds;
 * the cases without a JVM are in {@link AppRunTest}.
 */
class AppRunIT {

    /** Generous: other builds share the machine. */
    static final long SECONDS = 120;

    @TempDir
    Path caches;

    @Test
    void startsTheServiceWithItsDefaultsRecordsTheStartupCacheAtTheStopAndMapsItNextTime() throws Exception {
        int port = LaunchedService.freePort();
        Map<String, String> env = Map.of("MICRONAUT_ENVIRONMENTS", "dev", "APP_CACHE_DIR", caches.toString());
        String[] listen = {"-Dmicronaut.server.port=" + port, "-Dmicronaut.server.host=127.0.0.1"};

        try (LaunchedService first = LaunchedService.start(env, concat(listen, "-XX:+PrintCommandLineFlags"))) {
            assertTrue(
                    first.awaitStatus(port, "/api/public", 200, SECONDS),
                    "no 200 on the port given as an option: " + first.output());
            assertTrue(
                    first.output().contains("-XX:MaxHeapSize=134217728"), "app/run's 128 MiB heap: " + first.output());
            assertTrue(first.output().contains("-XX:+UseSerialGC"), first.output());
            assertEquals(0, first.stop(SECONDS), "SIGTERM is a normal stop: " + first.output());
        }
        List<Path> written = files(caches);
        assertEquals(1, written.size(), "one cache, no temporary file left: " + written);
        assertTrue(
                written.get(0).getFileName().toString().matches("app-.*\\.(jsa|aot)") && Files.size(written.get(0)) > 0,
                written.toString());

        try (LaunchedService second = LaunchedService.start(env, concat(listen, "-Xlog:class+load=info"))) {
            assertTrue(second.awaitStatus(port, "/api/public", 200, SECONDS), second.output());
            assertTrue(
                    second.output().contains("com.example.resourceserver.app.Application source: shared objects file"),
                    "the service's classes come from the cache");
            assertEquals(0, second.stop(SECONDS), second.output());
        }
    }

    @Test
    void aConfigurationErrorKeepsItsExitCodeAndLeavesNoCache() throws Exception {
        // No issuer and no dev environment: the service stops at once with exit code 2.
        try (LaunchedService service = LaunchedService.start(Map.of("APP_CACHE_DIR", caches.toString()))) {
            assertEquals(2, service.awaitExit(SECONDS), service.output());
            assertTrue(service.output().contains("No token issuer is configured"), service.output());
        }
        assertEquals(List.of(), files(caches), "a run that never served records nothing");
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }
}
