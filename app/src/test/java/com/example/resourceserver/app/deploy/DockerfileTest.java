package com.example.resourceserver.app.deploy;

import static com.example.resourceserver.app.deploy.Dockerfile.copySources;
import static com.example.resourceserver.app.deploy.Dockerfile.ignored;
import static com.example.resourceserver.app.deploy.Dockerfile.indexOf;
import static com.example.resourceserver.app.deploy.Dockerfile.lastIndexOf;
import static com.example.resourceserver.app.deploy.Poms.appPom;
import static com.example.resourceserver.app.deploy.Poms.childText;
import static com.example.resourceserver.app.deploy.Poms.modules;
import static com.example.resourceserver.app.deploy.Repository.ROOT;
import static com.example.resourceserver.app.deploy.ServiceFacts.ISSUER_VARIABLES;
import static com.example.resourceserver.app.deploy.ServiceFacts.livenessPath;
import static com.example.resourceserver.app.deploy.ServiceFacts.readinessPath;
import static com.example.resourceserver.app.deploy.ServiceFacts.serverPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.resourceserver.app.deploy.Dockerfile.Instruction;
import com.example.resourceserver.app.launch.AppRun;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * The Dockerfile and .dockerignore at the repository root, checked offline (there is no Docker engine
 * here) against what they describe: the build (jar name, modules), application.yml (port), the health
 * paths and app/run, which the image starts. What needs a Docker engine is listed in
 * docs/deploy/README.md.
 */
class DockerfileTest {

    @Test
    void theImageCopiesTheJarTheBuildProduces() throws Exception {
        Dockerfile docker = Dockerfile.read();
        Element app = appPom();
        assertTrue(childText(app, "build", "finalName") == null, "app/pom.xml sets a finalName; read it here");
        String version =
                childText(app, "version") != null ? childText(app, "version") : childText(app, "parent", "version");
        String jar = childText(app, "artifactId") + "-" + version + ".jar";

        String workdir = docker.stage("build").stream()
                .filter(i -> i.keyword().equals("WORKDIR"))
                .reduce((a, b) -> b)
                .orElseThrow()
                .args();
        docker.destinationOf(workdir + "/app/target/" + jar); // the jar the build stage's package produces

        String build = docker.stage("build").stream()
                .filter(i -> i.keyword().equals("RUN"))
                .map(Instruction::args)
                .reduce((a, b) -> b)
                .orElseThrow();
        assertTrue(
                build.startsWith("./mvnw ") && build.contains(" package") && build.contains("-DskipTests"),
                "the last build step is the README's package command: " + build);
    }

    @Test
    void theEntrypointIsAppRunStartingTheCopiedJar(@TempDir Path image) throws Exception {
        Dockerfile docker = Dockerfile.read();
        String run = docker.destinationOf("app/run");
        assertEquals(List.of(run), docker.entrypoint(), "the image starts through app/run, with no options of its own");

        // The image's layout in a scratch folder: app/run, in print mode, starts the jar copied next to it.
        Path jar = image.resolve(copiedJar(docker).substring(1));
        Path script = imageLayout(image, docker);
        AppRun.Result printed = AppRun.print(script, Map.of("APP_CACHE", "off"));
        assertEquals(0, printed.exitCode(), printed.output());
        List<String> command = printed.lines();
        assertEquals(
                List.of("-jar", jar.toString()), command.subList(command.size() - 2, command.size()), printed.output());
        assertEquals(
                AppRun.jvmDefaults(),
                command.subList(1, 1 + AppRun.jvmDefaults().size()),
                "app/run's JVM defaults");
    }

    @Test
    void theImageBuildsEveryModule() throws Exception {
        Dockerfile docker = Dockerfile.read();
        List<Instruction> build = docker.stage("build");
        int goOffline =
                indexOf(build, i -> i.keyword().equals("RUN") && i.args().contains("dependency:go-offline"));
        int packageStep =
                indexOf(build, i -> i.keyword().equals("RUN") && i.args().contains(" package"));
        assertTrue(goOffline >= 0 && goOffline < packageStep, "dependency layer before the package step");

        List<String> before = copySources(build.subList(0, goOffline));
        List<String> after = copySources(build.subList(goOffline, packageStep));
        assertTrue(before.containsAll(List.of("mvnw", ".mvn/", "pom.xml")), "wrapper and root pom first: " + before);
        for (String module : modules()) {
            assertTrue(before.contains(module + "/pom.xml"), module + "/pom.xml is copied before the dependency layer");
            assertTrue(after.contains(module + "/src/"), module + "/src/ is copied before package");
        }
    }

    @Test
    void theImageExposesTheApplicationPort() throws Exception {
        Dockerfile docker = Dockerfile.read();
        List<String> exposed = docker.finalStage().stream()
                .filter(i -> i.keyword().equals("EXPOSE"))
                .flatMap(i -> Stream.of(i.args().split("\\s+")))
                .toList();
        assertEquals(List.of(String.valueOf(serverPort())), exposed);
    }

    @Test
    void theImageRunsAsAFixedUnprivilegedUser() throws Exception {
        Dockerfile docker = Dockerfile.read();
        List<Instruction> runtime = docker.finalStage();
        int user = lastIndexOf(runtime, i -> i.keyword().equals("USER"));
        assertTrue(user >= 0, "the runtime stage sets USER");
        String uid = docker.user().split(":")[0];
        assertTrue(uid.matches("[1-9][0-9]*"), "numeric non-root UID, so runAsNonRoot can verify it: " + uid);
        assertTrue(user < lastIndexOf(runtime, i -> i.keyword().equals("ENTRYPOINT")), "USER before ENTRYPOINT");
        assertTrue(
                runtime.subList(user, runtime.size()).stream()
                        .noneMatch(i -> i.keyword().equals("RUN")),
                "no RUN step after USER");
        assertTrue(
                runtime.stream()
                        .anyMatch(i -> i.keyword().equals("RUN") && i.args().contains("--uid " + uid)),
                "the user is created with that UID");
    }

    @Test
    void theImageConfiguresNoIssuer() throws Exception {
        Dockerfile docker = Dockerfile.read();
        for (Instruction i : docker.instructions()) {
            if (i.keyword().equals("ENV") || i.keyword().equals("ARG")) {
                for (String variable : ISSUER_VARIABLES) {
                    assertFalse(i.args().contains(variable), "the image must not configure an issuer: " + i);
                }
                assertFalse(i.args().contains("MICRONAUT_ENVIRONMENTS"), "no environment baked into the image: " + i);
            }
        }
        // The build verifies the fail-fast default: the cache check run expects exit code 2.
        assertTrue(docker.training().contains("[[ $status -eq 2 ]]"), docker.training());
    }

    @Test
    void theHealthcheckProbesLivenessWithWhatTheBaseImageHas() throws Exception {
        Dockerfile docker = Dockerfile.read();
        List<String> command = docker.healthcheck();
        assertEquals(List.of("bash", "-c"), command.subList(0, 2), "the JRE image has bash, no curl or wget");
        String script = command.get(2);
        assertFalse(script.matches("(?s).*\\b(curl|wget)\\b.*"), script);
        assertTrue(script.contains("GET " + livenessPath() + " "), script);

        // Run it, as Docker would, against a stand-in that serves only the liveness path.
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")), "bash is needed to run the HEALTHCHECK command");
        AtomicInteger status = new AtomicInteger(200);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            int code = exchange.getRequestURI().getPath().equals(livenessPath()) ? status.get() : 404;
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        server.start();
        String port = String.valueOf(server.getAddress().getPort());
        try {
            assertEquals(0, run(command, port), "healthy on 200");
            status.set(503);
            assertEquals(1, run(command, port), "unhealthy on 503");
        } finally {
            server.stop(0);
        }
        assertEquals(1, run(command, port), "unhealthy when nothing listens");
    }

    @Test
    void theTrainingRunRecordsTheCacheTheEntrypointMaps(@TempDir Path image, @TempDir Path jdk) throws Exception {
        Dockerfile docker = Dockerfile.read();
        String run = docker.destinationOf("app/run");
        String training = docker.training();
        assertTrue(training.startsWith("#!/bin/bash\n"), "a bash script");
        assertTrue(training.contains("set -euo pipefail"), "a failing step fails the build");
        String trainingScript = Dockerfile.BIND_MOUNT
                .matcher(docker.trainingRun().args())
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);
        assertTrue(
                docker.instructions().stream()
                        .filter(i -> i.keyword().equals("COPY"))
                        .noneMatch(i -> i.args().contains(trainingScript)),
                "the training script is bound into its step, not copied into the image");
        Matcher start = Pattern.compile("(?m)^(MICRONAUT_ENVIRONMENTS=dev .*?) +(\\S+) >/tmp/training.log 2>&1 &$")
                .matcher(training.replace("\\\n", " "));
        assertTrue(start.find(), "trained against the development issuer, in the background: " + training);
        assertEquals(run, start.group(2), "started the way the ENTRYPOINT starts it: app/run, no options of its own");
        assertTrue(training.contains("kill -TERM \"$pid\""), "stopped with SIGTERM, on which app/run writes the cache");
        assertTrue(
                training.contains("[[ $status -eq 0 ]]"),
                "SIGTERM is a normal stop for the service (exit code 0), as app/run reports it");
        for (String path :
                List.of("/api/public", "/api/private", "/api/private-scoped", livenessPath(), readinessPath())) {
            assertTrue(training.contains("get " + path), "the training run calls " + path);
        }

        // JDK 25 in the runtime image, hence an AOT cache; the build checks that it maps.
        Matcher jre = Pattern.compile("^eclipse-temurin:(\\d+)-jre").matcher(docker.runtimeBaseImage());
        assertTrue(
                jre.find() && Integer.parseInt(jre.group(1)) >= 25,
                "a JRE with the AOT cache: " + docker.runtimeBaseImage());
        assertTrue(training.contains(run + " -XX:AOTMode=on || status=$?"), "the build checks that the cache maps");

        // The file the build checks for is the one app/run writes at that stop and maps at every start:
        // app/run in the image's layout, with a JDK 25 (print mode reads only its release file).
        Matcher written = Pattern.compile("compgen -G '(/[^']+)'").matcher(training);
        assertTrue(written.find(), "the build checks that a cache was written: " + training);
        AppRun.fakeJdk(jdk, "25.0.1", "25.0.1+8-LTS");
        Path script = imageLayout(image, docker);
        List<String> recording =
                AppRun.print(script, Map.of("JAVA_HOME", jdk.toString())).lines();
        String output = AppRun.flag(recording, "-XX:AOTCacheOutput=");
        Path cache = Path.of(output.replaceFirst("\\.\\d+\\.tmp$", ""));
        assertTrue(
                image.getFileSystem()
                        .getPathMatcher("glob:" + image + written.group(1))
                        .matches(cache),
                cache + " is not what the build looks for: " + written.group(1));
        Files.writeString(cache, "cache");
        Files.setLastModifiedTime(cache, FileTime.from(Instant.now().plusSeconds(1)));
        List<String> using =
                AppRun.print(script, Map.of("JAVA_HOME", jdk.toString())).lines();
        assertEquals(cache.toString(), AppRun.flag(using, "-XX:AOTCache="), "every later start maps it");
        assertTrue(training.contains("chmod 0444 " + copiedJar(docker) + " " + written.group(1)), "both read-only");
    }

    @Test
    void theBuildContextKeepsOutputOutAndSourcesIn() throws Exception {
        List<String> patterns = Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
                .map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        assertTrue(patterns.stream().noneMatch(p -> p.startsWith("!")), "no re-includes to reason about");
        for (String output : List.of("target", "app/target", "domain/target", ".git")) {
            assertTrue(ignored(patterns, output), output + " must stay out of the build context");
        }
        Dockerfile docker = Dockerfile.read();
        List<String> sources = new java.util.ArrayList<>(copySources(docker.instructions()));
        sources.addAll(docker.mountSources());
        assertFalse(docker.mountSources().isEmpty(), "the training script is bound from the build context");
        for (String source : sources) {
            assertFalse(
                    ignored(patterns, source), ".dockerignore excludes " + source + ", which the Dockerfile copies");
        }
    }

    /** Where the runtime stage puts the jar of the build stage. */
    private static String copiedJar(Dockerfile docker) {
        Instruction copy = docker.finalStage().stream()
                .filter(i -> i.keyword().equals("COPY") && i.args().startsWith("--from=build "))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no COPY --from=build in the runtime stage"));
        List<String> words = List.of(copy.args().split("\\s+"));
        assertEquals(3, words.size(), "one file: " + copy);
        return words.get(2);
    }

    /** app/run and an empty jar where the image has them, under {@code root}; returns the script. */
    private static Path imageLayout(Path root, Dockerfile docker) throws Exception {
        Path script = root.resolve(docker.destinationOf("app/run").substring(1));
        Path jar = root.resolve(copiedJar(docker).substring(1));
        Files.createDirectories(script.getParent());
        Files.createDirectories(jar.getParent());
        Files.copy(AppRun.SCRIPT, script);
        assertTrue(script.toFile().setExecutable(true));
        Files.writeString(jar, "");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        return script;
    }

    static int run(List<String> command, String port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MICRONAUT_SERVER_PORT", port);
        Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the HEALTHCHECK command hangs");
        process.getInputStream().readAllBytes();
        return process.exitValue();
    }
}
