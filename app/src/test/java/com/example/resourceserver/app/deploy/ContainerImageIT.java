package com.example.resourceserver.app.deploy;

import static com.example.resourceserver.app.deploy.Repository.ROOT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.resourceserver.app.support.RawHttp;
import com.example.resourceserver.auth.testing.Poll;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The container image, built from the repository's Dockerfile and run, with podman: the real image, not its
 * text. Base images cannot be pulled here, so {@code app/src/test/image/local-base-images.sh} makes them from
 * Debian packages and the machine's JDK 25, and the Dockerfile gets them as build arguments. The build
 * stage's Maven reuses this build's local repository (mounted into the build), so the dependencies are not
 * downloaded a second time.
 *
 * <p>Why podman's command line and not Testcontainers on podman's Docker API: Testcontainers takes its Docker
 * endpoint for the whole test JVM from {@code DOCKER_HOST} or {@code ~/.testcontainers.properties}, and
 * pointing it at podman would also switch on {@code KeycloakContainerIT}, whose image cannot be pulled here;
 * and the command line gives the exit code after SIGTERM, the health check and the image size directly, with
 * no API service to start and stop.
 *
 * <p>The figures (build time, image size, time from {@code podman run} to the first 200) go to the console
 * and to {@code target/container-image.txt}; they are measured, not asserted.
 */
class ContainerImageIT {

    /** Kubernetes' default, and deployment.yaml's terminationGracePeriodSeconds. */
    static final long GRACE_SECONDS = 30;

    /** What the image may weigh at most: JRE 25 + Debian's Essential set + the jar + the startup cache. */
    static final long MAX_IMAGE_BYTES = 450L * 1024 * 1024;

    static final Duration BOUND = Duration.ofSeconds(120);

    @Test
    void theImageBuildsStartsServesAndStopsAsTheDeploymentExpects() throws Exception {
        assumeTrue(
                onPath("podman"),
                "podman is not installed, so the container image is not built or run here. To run this test:"
                        + " apt-get install podman runc mmdebstrap (as .ci/run does), with a JDK 25 at"
                        + " /usr/lib/jvm/temurin-25-jdk-amd64 or BASE_JDK, then ./mvnw -B verify");
        for (String tool : List.of("mmdebstrap", "runc")) {
            assertTrue(onPath(tool), tool + " is missing: apt-get install podman runc mmdebstrap");
        }
        Path target = Path.of("target").toAbsolutePath();
        Path conf = target.resolve("containers.conf");
        // crun, podman's default, fails on these machines; the runtime needs explicit limits to set.
        Files.writeString(conf, """
                [containers]
                default_ulimits = ["nofile=20000:20000", "nproc=8192:8192"]
                [engine]
                runtime = "runc"
                cgroup_manager = "cgroupfs"
                """);
        Podman podman = new Podman(conf);
        String tag =
                "localhost/resource-server:it-" + UUID.randomUUID().toString().substring(0, 8);
        String container = "resource-server-it-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> report = new ArrayList<>();
        try (TestIdentityProvider idp = TestIdentityProvider.withKey("container-key")) {
            Run bases = podman.script(ROOT.resolve("app/src/test/image/local-base-images.sh"));
            assertEquals(0, bases.exitCode(), bases.output());
            Map<String, String> base = bases.assignments();

            long buildStart = System.nanoTime();
            List<String> build = new ArrayList<>(
                    List.of("build", "--format", "docker", "--network", "host", "--layers=false", "-f", "Dockerfile"));
            build.addAll(List.of("--build-arg", "BUILD_IMAGE=" + base.get("BUILD_IMAGE")));
            build.addAll(List.of("--build-arg", "RUNTIME_IMAGE=" + base.get("RUNTIME_IMAGE")));
            build.addAll(mavenCacheMounts());
            build.addAll(List.of("-t", tag, ROOT.toString()));
            Run built = podman.run(build, Duration.ofMinutes(20));
            assertEquals(0, built.exitCode(), "podman build failed: " + built.tail());
            report.add(String.format(Locale.ROOT, "build: %.0f s", seconds(System.nanoTime() - buildStart)));

            long size = Long.parseLong(
                    podman.ok("image", "inspect", "--format", "{{.Size}}", tag).strip());
            report.add(String.format(Locale.ROOT, "image size: %.0f MB (%d bytes)", size / 1e6, size));
            assertTrue(size < MAX_IMAGE_BYTES, "the image weighs " + size + " bytes");
            assertEquals(
                    "10001:10001",
                    podman.ok("image", "inspect", "--format", "{{.Config.User}}", tag)
                            .strip());

            int port = freePort();
            String token = idp.valid("read:messages");
            long runStart = System.nanoTime();
            podman.ok(
                    "run",
                    "-d",
                    "--name",
                    container,
                    "--read-only",
                    "--tmpfs",
                    "/tmp",
                    "--network",
                    "host",
                    "-e",
                    "AUTH_ISSUER=" + idp.issuer(),
                    "-e",
                    "AUTH_AUDIENCE=" + idp.audience(),
                    "-e",
                    "AUTH_JWKS_URI=" + idp.jwksUri(),
                    "-e",
                    "MICRONAUT_SERVER_HOST=127.0.0.1",
                    "-e",
                    "MICRONAUT_SERVER_PORT=" + port,
                    tag);
            Poll.until(
                    "the container answers 200 on /api/public: " + podman.logs(container),
                    () -> status(port, "/api/public") == 200,
                    BOUND);
            report.add(String.format(
                    Locale.ROOT,
                    "first 200 on /api/public: %.2f s after podman run",
                    seconds(System.nanoTime() - runStart)));

            RawHttp.Response missing = RawHttp.get(port, "/api/private");
            assertEquals(401, missing.status());
            List<String> challenges = missing.all("WWW-Authenticate");
            assertEquals(2, challenges.size(), challenges.toString());
            assertTrue(challenges.get(0).startsWith("Bearer realm=\"api\""), challenges.toString());
            assertTrue(challenges.get(1).startsWith("DPoP realm=\"api\""), challenges.toString());
            RawHttp.Response ok = RawHttp.get(port, "/api/private", "Authorization: Bearer " + token);
            assertEquals(200, ok.status(), ok.toString());
            Poll.until("readiness", () -> status(port, "/health/readiness") == 200, BOUND);

            assertEquals("10001", podman.ok("exec", container, "id", "-u").strip(), "a non-root user");
            Run write = podman.run(List.of("exec", container, "touch", "/app/probe"), Duration.ofSeconds(30));
            assertTrue(
                    write.exitCode() != 0 && write.output().contains("Read-only file system"),
                    "the root filesystem is read-only: " + write.output());
            String command =
                    podman.ok("exec", container, "cat", "/proc/1/cmdline").replace('\0', ' ');
            assertTrue(
                    command.contains("-XX:AOTCache=/app/app."),
                    "the JVM maps the startup cache made at build time: " + command);
            assertEquals(
                    0,
                    podman.run(List.of("healthcheck", "run", container), Duration.ofSeconds(30))
                            .exitCode(),
                    "the image's HEALTHCHECK passes");

            long stopStart = System.nanoTime();
            podman.ok("kill", "--signal", "TERM", container);
            Run waited = podman.run(List.of("wait", container), Duration.ofSeconds(GRACE_SECONDS));
            assertEquals(0, waited.exitCode(), waited.output());
            assertEquals("0", waited.output().strip(), "SIGTERM is a normal stop: exit code 0");
            report.add(String.format(
                    Locale.ROOT, "stop after SIGTERM: %.2f s, exit code 0", seconds(System.nanoTime() - stopStart)));
            String logs = podman.logs(container);
            assertFalse(logs.contains(token), "no token in the container's output");
        } finally {
            podman.run(List.of("rm", "-f", container), Duration.ofSeconds(60));
            podman.run(List.of("rmi", "-f", tag), Duration.ofSeconds(60));
            if (!report.isEmpty()) {
                String text = String.join("\n", report) + "\n";
                Files.writeString(target.resolve("container-image.txt"), text);
                System.out.print("Container image: " + text.replace("\n", "; ") + "\n");
            }
        }
    }

    /**
     * The build's local Maven repository (and the wrapper's Maven) mounted where the build stage's Maven looks,
     * so it downloads only what it misses.
     */
    static List<String> mavenCacheMounts() {
        List<String> mounts = new ArrayList<>();
        String repository = System.getProperty("image.maven.repo");
        if (repository != null && Files.isDirectory(Path.of(repository))) {
            mounts.addAll(List.of("-v", repository + ":/root/.m2/repository"));
        }
        Path wrapper = Path.of(System.getProperty("user.home"), ".m2", "wrapper");
        if (Files.isDirectory(wrapper)) {
            mounts.addAll(List.of("-v", wrapper + ":/root/.m2/wrapper"));
        }
        return mounts;
    }

    static int status(int port, String path) {
        try {
            return RawHttp.get(port, path).status();
        } catch (RuntimeException notYetListening) {
            return -1;
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** One finished command: exit code and output (stdout and stderr together). */
    record Run(int exitCode, String output) {

        String tail() {
            List<String> lines = output.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }

        /** NAME=value lines of the output. */
        Map<String, String> assignments() {
            return output.lines()
                    .filter(l -> l.matches("[A-Z_]+=\\S+"))
                    .collect(java.util.stream.Collectors.toMap(
                            l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
        }
    }

    /** podman with runc and cgroupfs (containers.conf), as these machines need. */
    record Podman(Path conf) {

        Run run(List<String> arguments, Duration bound) throws Exception {
            List<String> command = new ArrayList<>(List.of("podman"));
            command.addAll(arguments);
            return exec(command, bound);
        }

        Run script(Path script) throws Exception {
            return exec(List.of(script.toString()), Duration.ofMinutes(20));
        }

        String ok(String... arguments) throws Exception {
            Run run = run(List.of(arguments), Duration.ofMinutes(2));
            assertEquals(0, run.exitCode(), "podman " + String.join(" ", arguments) + ": " + run.tail());
            return run.output();
        }

        String logs(String container) {
            try {
                return run(List.of("logs", container), Duration.ofSeconds(30)).tail();
            } catch (Exception e) {
                return "(no logs: " + e + ")";
            }
        }

        private Run exec(List<String> command, Duration bound) throws Exception {
            Path output = Files.createTempFile("podman", ".log");
            try {
                ProcessBuilder builder =
                        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
                builder.environment().put("CONTAINERS_CONF", conf.toString());
                Process process = builder.start();
                process.getOutputStream().close();
                if (!process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new AssertionError(command + " did not end within " + bound + ": "
                            + new Run(-1, Files.readString(output, StandardCharsets.UTF_8)).tail());
                }
                return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(output);
            }
        }
    }
}
