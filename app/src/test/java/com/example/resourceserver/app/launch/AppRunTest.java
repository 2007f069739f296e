package com.example.resourceserver.app.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What app/run starts, read from its print mode (APP_RUN_PRINT=1): no JVM is started, so every case
 * is cheap. {@code AppRunIT} starts the built service through it.
 */
class AppRunTest {

    private static final String[] CACHE_FLAGS = {
        "-XX:SharedArchiveFile=", "-XX:ArchiveClassesAtExit=", "-XX:AOTCache=", "-XX:AOTCacheOutput="
    };

    @TempDir
    Path dir;

    Path jar;

    @BeforeEach
    void aJar() throws Exception {
        jar = dir.resolve("app-1.0.jar");
        Files.writeString(jar, "");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    }

    @Test
    void javaOptionsFollowTheDefaultsAndApplicationArgumentsFollowTheJar() throws Exception {
        AppRun.Result printed = AppRun.print(
                AppRun.SCRIPT,
                Map.of("APP_JAR", jar.toString(), "APP_CACHE", "off"),
                "-Xmx256m",
                "-Dmicronaut.server.port=9090",
                "--",
                "--micronaut.server.host=127.0.0.1",
                "--");
        assertEquals(0, printed.exitCode(), printed.output());
        List<String> expected = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        expected.addAll(AppRun.jvmDefaults());
        Runtime.Version jdk = Runtime.version();
        if (jdk.feature() >= 22
                || (jdk.feature() == 21 && jdk.update() >= 1)
                || (jdk.feature() == 17 && jdk.update() >= 9)) {
            expected.add("-XX:TrimNativeHeapInterval=5000"); // where the JVM has the flag
        }
        expected.addAll(List.of(
                "-Xmx256m",
                "-Dmicronaut.server.port=9090",
                "-jar",
                jar.toString(),
                "--micronaut.server.host=127.0.0.1",
                "--"));
        assertEquals(
                expected, printed.lines(), "java from JAVA_HOME, the defaults, then the options (the last -Xmx wins)");
    }

    @Test
    void theDefaultsBoundTheHeapAndChooseSerialGc() throws Exception {
        List<String> defaults = AppRun.jvmDefaults();
        assertEquals(128, AppRun.maxHeapMebibytes(), "the heap the service was measured with: " + defaults);
        assertTrue(defaults.contains("-XX:+UseSerialGC"), defaults.toString());
        assertTrue(defaults.contains("-XX:+ExitOnOutOfMemoryError"), defaults.toString());
    }

    @Test
    void jdk17RecordsAnAppCdsArchiveOnTheFirstRunAndMapsItAfterwards(@TempDir Path jdk) throws Exception {
        AppRun.fakeJdk(jdk, "17.0.15", "17.0.15+6");
        assertRecordsThenMaps(jdk, "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile=", ".jsa");
    }

    @Test
    void jdk25RecordsAnAotCacheOnTheFirstRunAndMapsItAfterwards(@TempDir Path jdk) throws Exception {
        AppRun.fakeJdk(jdk, "25.0.1", "25.0.1+8-LTS");
        assertRecordsThenMaps(jdk, "-XX:AOTCacheOutput=", "-XX:AOTCache=", ".aot");
    }

    private void assertRecordsThenMaps(Path jdk, String record, String use, String suffix) throws Exception {
        Map<String, String> env = Map.of("APP_JAR", jar.toString(), "JAVA_HOME", jdk.toString());
        String recording = AppRun.flag(AppRun.print(AppRun.SCRIPT, env).lines(), record);
        assertTrue(
                recording.matches(Pattern.quote(dir.resolve("app-1.0.").toString()) + "[^/]+" + Pattern.quote(suffix)
                        + "\\.\\d+\\.tmp"),
                "recorded into a file of its own next to the jar, named after it: " + recording);
        Path cache = Path.of(recording.replaceFirst("\\.\\d+\\.tmp$", ""));

        // What the run writes on a normal stop: mapped from then on, nothing recorded.
        Files.writeString(cache, "cache");
        List<String> started = AppRun.print(AppRun.SCRIPT, env).lines();
        assertEquals(cache.toString(), AppRun.flag(started, use));
        assertFalse(started.stream().anyMatch(a -> a.startsWith(record)), started.toString());
        assertEquals(jdk.resolve("bin/java").toString(), started.get(0));

        // A rebuilt jar: recorded again.
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        assertTrue(
                AppRun.flag(AppRun.print(AppRun.SCRIPT, env).lines(), record).startsWith(cache + "."),
                "recorded again");
    }

    @Test
    void eachJvmBuildHasItsOwnCache(@TempDir Path jdkA, @TempDir Path jdkB) throws Exception {
        AppRun.fakeJdk(jdkA, "17.0.15", "17.0.15+6");
        AppRun.fakeJdk(jdkB, "17.0.16", "17.0.16+8");
        String a = AppRun.flag(
                AppRun.print(AppRun.SCRIPT, Map.of("APP_JAR", jar.toString(), "JAVA_HOME", jdkA.toString()))
                        .lines(),
                "-XX:ArchiveClassesAtExit=");
        String b = AppRun.flag(
                AppRun.print(AppRun.SCRIPT, Map.of("APP_JAR", jar.toString(), "JAVA_HOME", jdkB.toString()))
                        .lines(),
                "-XX:ArchiveClassesAtExit=");
        assertNotEquals(a.replaceFirst("\\.\\d+\\.tmp$", ""), b.replaceFirst("\\.\\d+\\.tmp$", ""));
    }

    @Test
    void aCacheDirectoryCanBeChosen(@TempDir Path caches, @TempDir Path jdk) throws Exception {
        AppRun.fakeJdk(jdk, "17.0.15", "17.0.15+6");
        String recording = AppRun.flag(
                AppRun.print(
                                AppRun.SCRIPT,
                                Map.of(
                                        "APP_JAR",
                                        jar.toString(),
                                        "APP_CACHE_DIR",
                                        caches.toString(),
                                        "JAVA_HOME",
                                        jdk.toString()))
                        .lines(),
                "-XX:ArchiveClassesAtExit=");
        assertEquals(caches, Path.of(recording).getParent());
    }

    @Test
    void noCacheWhenTurnedOffOrWhenItCannotBeWritten() throws Exception {
        for (Map<String, String> env : List.of(
                Map.of("APP_JAR", jar.toString(), "APP_CACHE", "off"),
                Map.of(
                        "APP_JAR",
                        jar.toString(),
                        "APP_CACHE_DIR",
                        dir.resolve("missing").toString()))) {
            AppRun.Result printed = AppRun.print(AppRun.SCRIPT, env);
            assertEquals(0, printed.exitCode(), printed.output());
            for (String flag : CACHE_FLAGS) {
                assertFalse(printed.lines().stream().anyMatch(a -> a.startsWith(flag)), env + ": " + printed.lines());
            }
            assertEquals(jar.toString(), printed.lines().get(printed.lines().size() - 1), "it starts all the same");
        }
    }

    @Test
    void withoutAJarItSaysHowToBuildOne() throws Exception {
        AppRun.Result printed = AppRun.print(
                AppRun.SCRIPT, Map.of("APP_JAR", dir.resolve("none.jar").toString()));
        assertEquals(1, printed.exitCode());
        assertTrue(printed.output().contains("./mvnw -q -B package -DskipTests"), printed.output());
    }
}
