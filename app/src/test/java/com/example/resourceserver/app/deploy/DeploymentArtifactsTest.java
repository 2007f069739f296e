package com.example.resourceserver.app.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.resourceserver.app.Application;
import com.example.resourceserver.app.support.ChildJvm;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment artifacts (the Dockerfile and .dockerignore at the repository root, the Jib block in
 * app/pom.xml, the Kubernetes manifests and docs/deploy/README.md) checked offline against what they
 * describe: the build (jar name, modules), application.yml (port), the health paths, the documented
 * environment variables and each other. No build step uses these files, so without this test they
 * would drift from the service unnoticed. What needs a Docker engine, a registry or a cluster is not
 * checked here; docs/deploy/README.md says what that is.
 */
class DeploymentArtifactsTest {

    /** Surefire runs with app/ as working directory. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("docs/deploy");

    /** The issuer variables (docs/configuration.md): the image must set none of them. */
    static final Set<String> ISSUER_VARIABLES = Set.of("AUTH0_DOMAIN", "AUTH0_AUDIENCE", "API_IDENTIFIER",
            "AUTH_ISSUER", "AUTH_AUDIENCE", "AUTH_JWKS_URI");

    /** What the ConfigMap carries (issue 5): the issuer pair and the two token rules. */
    static final Set<String> CONFIG_MAP_VARIABLES = Set.of("AUTH_ISSUER", "AUTH_AUDIENCE", "AUTH_ALGORITHMS", "AUTH_LEEWAY");

    /** Measured with -Xmx128m -XX:+UseSerialGC: the heap the service needs and its RSS after heavy load. */
    static final long MEASURED_HEAP_MIB = 128;
    static final long MEASURED_RSS_UNDER_LOAD_MIB = 190;

    // ---------------------------------------------------------------------------------------------
    // Dockerfile
    // ---------------------------------------------------------------------------------------------

    @Test
    void theImageCopiesTheJarTheBuildProduces() throws Exception {
        Dockerfile docker = Dockerfile.read();
        Element app = pom(ROOT.resolve("app/pom.xml"));
        assertTrue(childText(app, "build", "finalName") == null, "app/pom.xml sets a finalName; read it here");
        String version = childText(app, "version") != null ? childText(app, "version") : childText(app, "parent", "version");
        String jar = childText(app, "artifactId") + "-" + version + ".jar";

        Instruction copy = docker.finalStage().stream()
                .filter(i -> i.keyword().equals("COPY") && i.args().startsWith("--from=build ")).findFirst()
                .orElseThrow(() -> new AssertionError("no COPY --from=build in the runtime stage"));
        List<String> words = List.of(copy.args().split("\\s+"));
        String workdir = docker.stage("build").stream().filter(i -> i.keyword().equals("WORKDIR"))
                .reduce((a, b) -> b).orElseThrow().args();
        assertEquals(workdir + "/app/target/" + jar, words.get(1), "the jar the build stage's package produces");
        assertEquals(docker.entrypoint().get(docker.entrypoint().indexOf("-jar") + 1), words.get(2),
                "the ENTRYPOINT starts the copied jar");

        String build = docker.stage("build").stream().filter(i -> i.keyword().equals("RUN")).map(Instruction::args)
                .reduce((a, b) -> b).orElseThrow();
        assertTrue(build.startsWith("./mvnw ") && build.contains(" package") && build.contains("-DskipTests"),
                "the last build step is the README's package command: " + build);
    }

    @Test
    void theImageBuildsEveryModule() throws Exception {
        Dockerfile docker = Dockerfile.read();
        List<Instruction> build = docker.stage("build");
        int goOffline = indexOf(build, i -> i.keyword().equals("RUN") && i.args().contains("dependency:go-offline"));
        int packageStep = indexOf(build, i -> i.keyword().equals("RUN") && i.args().contains(" package"));
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
        List<String> exposed = docker.finalStage().stream().filter(i -> i.keyword().equals("EXPOSE"))
                .flatMap(i -> Stream.of(i.args().split("\\s+"))).toList();
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
        assertTrue(runtime.subList(user, runtime.size()).stream().noneMatch(i -> i.keyword().equals("RUN")),
                "no RUN step after USER");
        assertTrue(runtime.stream().anyMatch(i -> i.keyword().equals("RUN") && i.args().contains("--uid " + uid)),
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
        // The build verifies the fail-fast default: the archive check run expects exit code 2.
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
    void theEntrypointMapsTheArchiveTheTrainingRunWrites() throws Exception {
        Dockerfile docker = Dockerfile.read();
        List<String> entrypoint = docker.entrypoint();
        assertEquals("java", entrypoint.get(0));
        String archive = entrypoint.stream().filter(a -> a.startsWith("-XX:SharedArchiveFile="))
                .map(a -> a.substring("-XX:SharedArchiveFile=".length())).findFirst()
                .orElseThrow(() -> new AssertionError("no -XX:SharedArchiveFile in " + entrypoint));
        String jar = entrypoint.get(entrypoint.indexOf("-jar") + 1);

        String training = docker.training();
        assertTrue(training.startsWith("#!/bin/bash\n"), "a heredoc with a shebang runs as a script");
        assertTrue(training.contains("-XX:ArchiveClassesAtExit=" + archive + " -jar " + jar), training);
        assertTrue(training.contains("MICRONAUT_ENVIRONMENTS=dev"), "trained against the development issuer");
        assertTrue(training.contains("kill -TERM"), "stopped with SIGTERM, which writes the archive");
        Matcher flags = Pattern.compile("flags=\\(([^)]*)\\)").matcher(training);
        assertTrue(flags.find(), training);
        List<String> trainingFlags = List.of(flags.group(1).trim().split("\\s+"));
        assertTrue(trainingFlags.containsAll(docker.jvmFlags()), "the archive is made with the runtime flags: "
                + trainingFlags + " vs " + docker.jvmFlags());
        assertTrue(training.contains("java \"${flags[@]}\" -XX:ArchiveClassesAtExit="), training);
        assertTrue(training.contains("java \"${flags[@]}\" -Xshare:on -XX:SharedArchiveFile=" + archive + " -jar " + jar),
                "the build checks that the archive maps");
        for (String path : List.of("/api/public", "/api/private", "/api/private-scoped", livenessPath(), readinessPath())) {
            assertTrue(training.contains("get " + path), "the training run calls " + path);
        }
    }

    @Test
    void theBuildContextKeepsOutputOutAndSourcesIn() throws Exception {
        List<String> patterns = Files.readAllLines(ROOT.resolve(".dockerignore")).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(patterns.stream().noneMatch(p -> p.startsWith("!")), "no re-includes to reason about");
        for (String output : List.of("target", "app/target", "domain/target", ".git")) {
            assertTrue(ignored(patterns, output), output + " must stay out of the build context");
        }
        for (String source : copySources(Dockerfile.read().instructions())) {
            assertFalse(ignored(patterns, source), ".dockerignore excludes " + source + ", which the Dockerfile copies");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Jib (app/pom.xml)
    // ---------------------------------------------------------------------------------------------

    @Test
    void jibBuildsTheSameImageAsTheDockerfile() throws Exception {
        Dockerfile docker = Dockerfile.read();
        Element app = pom(ROOT.resolve("app/pom.xml"));
        Element jib = plugins(app).stream().filter(p -> "jib-maven-plugin".equals(childText(p, "artifactId")))
                .findFirst().orElseThrow(() -> new AssertionError("no jib-maven-plugin in app/pom.xml"));
        assertEquals(docker.runtimeBaseImage(), childText(jib, "configuration", "from", "image"));
        Element container = child(jib, "configuration", "container");
        assertNotNull(container, "jib <container>");
        assertEquals(List.of(String.valueOf(serverPort())), texts(child(container, "ports"), "port"));
        assertEquals(docker.user(), childText(container, "user"));
        assertEquals(docker.jvmFlags(), texts(child(container, "jvmFlags"), "jvmFlag"),
                "the Dockerfile's JVM flags without the archive, which Jib cannot make");
        assertEquals("${exec.mainClass}", childText(container, "mainClass"));
        assertEquals(Application.class.getName(), childText(app, "properties", "exec.mainClass"));
        assertEquals("USE_CURRENT_TIMESTAMP", childText(container, "creationTime"));
        assertNotNull(childText(jib, "configuration", "outputPaths", "tar"), "jib:buildTar target file");
        assertTrue(child(container, "environment") == null, "Jib sets no environment (no issuer, no environment name)");
    }

    // ---------------------------------------------------------------------------------------------
    // Kubernetes manifests (docs/deploy)
    // ---------------------------------------------------------------------------------------------

    @Test
    void everyManifestIsANamespaceAgnosticObject() throws Exception {
        List<Map<String, Object>> all = manifests();
        for (Map<String, Object> doc : all) {
            assertTrue(doc.get("apiVersion") instanceof String s && !s.isBlank(), "apiVersion: " + doc);
            assertTrue(doc.get("kind") instanceof String s && !s.isBlank(), "kind: " + doc);
            assertTrue(str(doc, "metadata", "name") != null && !str(doc, "metadata", "name").isBlank(), "metadata.name: " + doc);
            assertTrue(get(doc, "metadata", "namespace") == null, "no namespace in " + doc.get("kind"));
        }
        Set<String> kinds = all.stream().map(d -> d.get("apiVersion") + " " + d.get("kind")).collect(Collectors.toSet());
        assertEquals(Set.of("apps/v1 Deployment", "v1 Service", "v1 ConfigMap", "v1 Secret", "policy/v1 PodDisruptionBudget",
                "autoscaling/v2 HorizontalPodAutoscaler"), kinds);
        assertEquals(all.size(), kinds.size(), "one object of each kind");
    }

    @Test
    void theDeploymentRunsTwoReplicasOfItsOwnPods() throws Exception {
        Map<String, Object> deployment = manifest("Deployment");
        assertEquals(2, get(deployment, "spec", "replicas"));
        assertSelects(map(deployment, "spec", "selector", "matchLabels"), deployment);
        assertEquals(List.of(serverPort()), list(container(), "ports").stream().map(p -> ((Map<?, ?>) p).get("containerPort")).toList());
    }

    @Test
    void probesUseTheHealthPathsOnTheApplicationPort() throws Exception {
        Map<String, Object> container = container();
        assertEquals(livenessPath(), str(container, "startupProbe", "httpGet", "path"), "startup gated on liveness, not on keys");
        assertEquals(livenessPath(), str(container, "livenessProbe", "httpGet", "path"));
        assertEquals(readinessPath(), str(container, "readinessProbe", "httpGet", "path"));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals(managementPort(), containerPort(get(container, probe, "httpGet", "port")), probe + " port");
            Object scheme = get(container, probe, "httpGet", "scheme");
            assertTrue(scheme == null || scheme.equals("HTTP"), probe + " scheme");
        }
        Map<String, Object> annotations = map(manifest("Deployment"), "spec", "template", "metadata", "annotations");
        assertEquals(prometheusPath(), annotations.get("prometheus.io/path"));
        assertEquals(String.valueOf(managementPort()), annotations.get("prometheus.io/port"));
    }

    @Test
    void thePodIsLockedDown() throws Exception {
        Map<String, Object> pod = map(manifest("Deployment"), "spec", "template", "spec");
        Map<String, Object> container = container();
        assertEquals(true, securityContext(pod, container, "runAsNonRoot"));
        assertEquals(Integer.valueOf(Dockerfile.read().user().split(":")[0]), securityContext(pod, container, "runAsUser"),
                "the Dockerfile's and Jib's user");
        assertEquals(false, get(container, "securityContext", "allowPrivilegeEscalation"));
        assertEquals(true, get(container, "securityContext", "readOnlyRootFilesystem"));
        assertEquals(List.of("ALL"), get(container, "securityContext", "capabilities", "drop"));
        assertTrue(get(container, "securityContext", "capabilities", "add") == null, "no capability added");
        assertEquals(Map.of("type", "RuntimeDefault"), securityContext(pod, container, "seccompProfile"));
        assertEquals(false, pod.get("automountServiceAccountToken"));

        // /tmp, the only writable path, is an emptyDir.
        Map<?, ?> tmp = list(container, "volumeMounts").stream().map(m -> (Map<?, ?>) m)
                .filter(m -> "/tmp".equals(m.get("mountPath"))).findFirst().orElseThrow(() -> new AssertionError("no /tmp mount"));
        Map<?, ?> volume = list(pod, "volumes").stream().map(v -> (Map<?, ?>) v)
                .filter(v -> Objects.equals(v.get("name"), tmp.get("name"))).findFirst().orElseThrow();
        assertTrue(volume.get("emptyDir") instanceof Map, "/tmp is an emptyDir: " + volume);
    }

    @Test
    void resourcesFitTheMeasuredMemory() throws Exception {
        Map<String, Object> container = container();
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertNotNull(get(container, "resources", kind, resource), "resources." + kind + "." + resource);
            }
        }
        long limit = mebibytes(str(container, "resources", "limits", "memory"));
        assertEquals(limit, mebibytes(str(container, "resources", "requests", "memory")), "memory request = limit");

        int percentage = Dockerfile.read().jvmFlags().stream().filter(f -> f.startsWith("-XX:MaxRAMPercentage="))
                .map(f -> Integer.parseInt(f.substring(f.indexOf('=') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("the heap follows the limit through -XX:MaxRAMPercentage"));
        long heap = limit * percentage / 100;
        long nonHeap = MEASURED_RSS_UNDER_LOAD_MIB - MEASURED_HEAP_MIB;
        assertTrue(heap >= MEASURED_HEAP_MIB, "heap " + heap + " MiB under the " + limit + " MiB limit");
        assertTrue(limit - heap >= nonHeap * 3 / 2, "room beside the heap: " + (limit - heap) + " MiB for ~" + nonHeap
                + " MiB measured outside it, plus half again");
    }

    @Test
    void theEnvironmentComesFromDocumentedVariables() throws Exception {
        Map<String, Object> configMap = manifest("ConfigMap");
        Map<String, Object> secret = manifest("Secret");
        Map<String, Object> data = map(configMap, "data");
        assertEquals(CONFIG_MAP_VARIABLES, data.keySet());
        data.values().forEach(v -> assertTrue(v instanceof String, "ConfigMap values are strings: " + v));
        Map<String, Object> secretData = map(secret, "stringData");

        Set<String> readme = readmeVariables();
        Set<String> reference = configurationReferenceVariables();
        for (String variable : union(data.keySet(), secretData.keySet())) {
            assertTrue(readme.contains(variable), variable + " is not documented in README.md");
            assertTrue(reference.contains(variable), variable + " is not documented in docs/configuration.md");
        }
        assertEquals(union(data.keySet(), secretData.keySet()), deployReadmeVariables(),
                "docs/deploy/README.md documents exactly the manifests' variables");

        List<Object> envFrom = list(container(), "envFrom");
        assertEquals(List.of(
                Map.of("configMapRef", Map.of("name", str(configMap, "metadata", "name"))),
                Map.of("secretRef", Map.of("name", str(secret, "metadata", "name"), "optional", true))), envFrom,
                "ConfigMap first, then the optional Secret, whose values win");
        assertTrue(container().get("env") == null, "everything through envFrom");
    }

    @Test
    void theConfigMapIsAConfigurationTheServiceAccepts() throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        map(manifest("ConfigMap"), "data").forEach((k, v) -> environment.put(k, (String) v));
        assertStarts(environment);
        map(manifest("Secret"), "stringData").forEach((k, v) -> environment.put(k, (String) v));
        assertStarts(environment);
    }

    @Test
    void theServiceRoutesPort80ToTheApplicationPort() throws Exception {
        Map<String, Object> service = manifest("Service");
        assertSelects(map(service, "spec", "selector"), manifest("Deployment"));
        List<Object> ports = list(service, "spec", "ports");
        assertEquals(1, ports.size());
        Map<?, ?> port = (Map<?, ?>) ports.get(0);
        assertEquals(80, port.get("port"));
        assertEquals(serverPort(), containerPort(port.get("targetPort")));
    }

    @Test
    void theDisruptionBudgetKeepsOnePodOfTheDeployment() throws Exception {
        Map<String, Object> pdb = manifest("PodDisruptionBudget");
        Map<String, Object> deployment = manifest("Deployment");
        assertEquals(map(deployment, "spec", "selector", "matchLabels"), map(pdb, "spec", "selector", "matchLabels"));
        assertSelects(map(pdb, "spec", "selector", "matchLabels"), deployment);
        assertEquals(1, get(pdb, "spec", "minAvailable"));
        assertTrue((int) get(pdb, "spec", "minAvailable") < (int) get(manifest("HorizontalPodAutoscaler"), "spec", "minReplicas"),
                "a drain can always evict one pod");
    }

    @Test
    void theAutoscalerScalesTheDeploymentOnCpu() throws Exception {
        Map<String, Object> hpa = manifest("HorizontalPodAutoscaler");
        Map<String, Object> deployment = manifest("Deployment");
        assertEquals(Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", str(deployment, "metadata", "name")),
                map(hpa, "spec", "scaleTargetRef"));
        assertEquals(get(deployment, "spec", "replicas"), get(hpa, "spec", "minReplicas"));
        assertTrue((int) get(hpa, "spec", "maxReplicas") > (int) get(hpa, "spec", "minReplicas"));
        assertEquals(List.of(Map.of("type", "Resource", "resource", Map.of("name", "cpu",
                "target", Map.of("type", "Utilization", "averageUtilization", 70)))), list(hpa, "spec", "metrics"));
    }

    /**
     * The probes' paths answered by the real service. Health and metrics come with Micronaut
     * management, which another change adds; until it is on the classpath this test is skipped.
     */
    @Test
    void theServiceAnswersOnTheProbePaths() throws Exception {
        assumeTrue(onClasspath("io.micronaut.management.endpoint.health.HealthEndpoint"), "micronaut-management not on the classpath yet");
        try (ServiceUnderTest service = ServiceUnderTest.start(Map.of(), "dev")) {
            assertEquals(200, service.get(livenessPath()).statusCode());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int readiness;
            do {
                readiness = service.get(readinessPath()).statusCode();
            } while (readiness != 200 && System.nanoTime() < deadline && sleep(200));
            assertEquals(200, readiness, "ready once the development issuer's keys are loaded");
            if (onClasspath("io.micronaut.configuration.metrics.micrometer.prometheus.management.PrometheusEndpoint")) {
                assertEquals(200, service.get(prometheusPath()).statusCode());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The service's own facts
    // ---------------------------------------------------------------------------------------------

    static Map<String, Object> applicationYml() throws IOException {
        return yaml().load(Files.readString(ROOT.resolve("app/src/main/resources/application.yml")));
    }

    static int serverPort() throws IOException {
        return (int) get(applicationYml(), "micronaut", "server", "port");
    }

    /** Micronaut management serves on the server's port unless endpoints.all.port says otherwise. */
    static int managementPort() throws IOException {
        Object port = get(applicationYml(), "endpoints", "all", "port");
        return port == null ? serverPort() : (int) port;
    }

    static String endpointsBase() throws IOException {
        Object base = get(applicationYml(), "endpoints", "all", "path");
        String path = base == null ? "/" : (String) base;
        return path.endsWith("/") ? path : path + "/";
    }

    static String livenessPath() throws IOException {
        return endpointsBase() + "health/liveness";
    }

    static String readinessPath() throws IOException {
        return endpointsBase() + "health/readiness";
    }

    static String prometheusPath() throws IOException {
        return endpointsBase() + "prometheus";
    }

    static List<String> modules() throws Exception {
        return texts(child(pom(ROOT.resolve("pom.xml")), "modules"), "module");
    }

    /** Variable names README.md shows in code spans: `AUTH_ISSUER=...` or `AUTH_LEEWAY`. */
    static Set<String> readmeVariables() throws IOException {
        return matches(Files.readString(ROOT.resolve("README.md")), "`([A-Z][A-Z0-9_]*)[=`]");
    }

    /** The environment-variable column of docs/configuration.md's tables. */
    static Set<String> configurationReferenceVariables() throws IOException {
        return matches(Files.readString(ROOT.resolve("docs/configuration.md")), "(?m)^\\| `([A-Z][A-Z0-9_]*)` \\|");
    }

    /** The variable table under "## Configuration" in docs/deploy/README.md. */
    static Set<String> deployReadmeVariables() throws IOException {
        String readme = Files.readString(DEPLOY.resolve("README.md"));
        int start = readme.indexOf("\n## Configuration");
        assertTrue(start >= 0, "docs/deploy/README.md has a Configuration section");
        int end = readme.indexOf("\n## ", start + 1);
        return matches(readme.substring(start, end < 0 ? readme.length() : end), "(?m)^\\| `([A-Z][A-Z0-9_]*)` \\|");
    }

    static void assertStarts(Map<String, String> environment) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("MICRONAUT_SERVER_PORT", "-1");
        try (ChildJvm jvm = ChildJvm.start(Application.class.getName(), env)) {
            assertTrue(jvm.awaitLine("Startup completed", 60), jvm.output());
            assertTrue(jvm.output().contains("Trusting issuer 'default': iss " + environment.get("AUTH_ISSUER") + ", aud "
                    + environment.get("AUTH_AUDIENCE") + ", keys by discovery"), jvm.output());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Reading the Dockerfile
    // ---------------------------------------------------------------------------------------------

    record Instruction(int stage, String stageName, String keyword, String args, String heredoc) {
    }

    record Dockerfile(List<Instruction> instructions) {

        static final Pattern HEREDOC = Pattern.compile("<<-?(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\\1");

        static Dockerfile read() throws IOException {
            List<String> lines = Files.readAllLines(ROOT.resolve("Dockerfile"));
            List<Instruction> instructions = new ArrayList<>();
            int stage = -1;
            String stageName = null;
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                StringBuilder text = new StringBuilder();
                while (line.endsWith("\\")) {
                    text.append(line, 0, line.length() - 1).append(' ');
                    do {
                        line = lines.get(++n).strip();
                    } while (line.startsWith("#"));
                }
                text.append(line);
                String[] parts = text.toString().split("\\s+", 2);
                String keyword = parts[0].toUpperCase();
                String args = parts.length > 1 ? parts[1].trim() : "";
                String heredoc = null;
                Matcher marker = HEREDOC.matcher(args);
                if (marker.find()) {
                    StringBuilder body = new StringBuilder();
                    while (!lines.get(++n).equals(marker.group(2))) {
                        body.append(lines.get(n)).append('\n');
                    }
                    heredoc = body.toString();
                }
                if (keyword.equals("FROM")) {
                    stage++;
                    String[] from = args.split("\\s+");
                    stageName = from.length == 3 && from[1].equalsIgnoreCase("AS") ? from[2] : null;
                }
                instructions.add(new Instruction(stage, stageName, keyword, args, heredoc));
            }
            return new Dockerfile(instructions);
        }

        List<Instruction> stage(String name) {
            List<Instruction> stage = instructions.stream().filter(i -> name.equals(i.stageName())).toList();
            assertFalse(stage.isEmpty(), "no stage " + name);
            return stage;
        }

        List<Instruction> finalStage() {
            int last = instructions.get(instructions.size() - 1).stage();
            return instructions.stream().filter(i -> i.stage() == last).toList();
        }

        String runtimeBaseImage() {
            return finalStage().get(0).args().split("\\s+")[0];
        }

        List<String> entrypoint() {
            return execForm(single("ENTRYPOINT").args());
        }

        /** The ENTRYPOINT's JVM flags, without the archive. */
        List<String> jvmFlags() {
            List<String> entrypoint = entrypoint();
            return entrypoint.subList(1, entrypoint.indexOf("-jar")).stream()
                    .filter(f -> !f.startsWith("-XX:SharedArchiveFile=")).toList();
        }

        String user() {
            return finalStage().stream().filter(i -> i.keyword().equals("USER")).reduce((a, b) -> b)
                    .orElseThrow(() -> new AssertionError("no USER")).args();
        }

        List<String> healthcheck() {
            String args = single("HEALTHCHECK").args();
            int cmd = args.indexOf("CMD [");
            assertTrue(cmd >= 0, "HEALTHCHECK CMD in exec form: " + args);
            return execForm(args.substring(cmd + 4));
        }

        /**
         * The script of the RUN step that writes the AppCDS archive: in the runtime stage, because only
         * the JVM that wrote an archive can use it.
         */
        String training() {
            return finalStage().stream().map(Instruction::heredoc).filter(h -> h != null && h.contains("-XX:ArchiveClassesAtExit="))
                    .findFirst().orElseThrow(() -> new AssertionError("no training run in the runtime stage"));
        }

        private Instruction single(String keyword) {
            List<Instruction> found = finalStage().stream().filter(i -> i.keyword().equals(keyword)).toList();
            assertEquals(1, found.size(), "one " + keyword + " in the runtime stage");
            return found.get(0);
        }

        /** Exec form is a JSON array of strings; YAML's double-quoted strings have the same escapes. */
        @SuppressWarnings("unchecked")
        static List<String> execForm(String json) {
            assertTrue(json.startsWith("[") && json.endsWith("]"), "exec form: " + json);
            return (List<String>) yaml().load(json);
        }
    }

    static List<String> copySources(List<Instruction> instructions) {
        List<String> sources = new ArrayList<>();
        for (Instruction i : instructions) {
            if (i.keyword().equals("COPY") && !i.args().contains("--from=")) {
                List<String> words = Stream.of(i.args().split("\\s+")).filter(w -> !w.startsWith("--")).toList();
                sources.addAll(words.subList(0, words.size() - 1));
            }
        }
        return sources;
    }

    /** Docker's rules, as far as this file uses them: a pattern excludes a path and everything under it. */
    static boolean ignored(List<String> patterns, String path) {
        Path candidate = Path.of(path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
        for (String pattern : patterns) {
            String glob = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
            List<PathMatcher> matchers = new ArrayList<>(List.of(FileSystems.getDefault().getPathMatcher("glob:" + glob)));
            if (glob.startsWith("**/")) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)));
            }
            for (Path p = candidate; p != null; p = p.getParent()) {
                for (PathMatcher matcher : matchers) {
                    if (matcher.matches(p)) {
                        return true;
                    }
                }
            }
        }
        return false;
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

    // ---------------------------------------------------------------------------------------------
    // Reading the manifests
    // ---------------------------------------------------------------------------------------------

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> manifests() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Path dir : List.of(DEPLOY, DEPLOY.resolve("optional"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                    for (Object doc : yaml().loadAll(Files.readString(file, StandardCharsets.UTF_8))) {
                        assertTrue(doc instanceof Map, file + " holds an object per document");
                        docs.add((Map<String, Object>) doc);
                    }
                }
            }
        }
        return docs;
    }

    static Map<String, Object> manifest(String kind) throws IOException {
        List<Map<String, Object>> found = manifests().stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> container() throws IOException {
        List<Object> containers = list(manifest("Deployment"), "spec", "template", "spec", "containers");
        assertEquals(1, containers.size());
        return (Map<String, Object>) containers.get(0);
    }

    /** A probe's or Service's port, by number or by the container port's name. */
    static int containerPort(Object port) throws IOException {
        if (port instanceof Integer number) {
            return number;
        }
        return list(container(), "ports").stream().map(p -> (Map<?, ?>) p).filter(p -> Objects.equals(port, p.get("name")))
                .map(p -> (Integer) p.get("containerPort")).findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port));
    }

    static Object securityContext(Map<String, Object> pod, Map<String, Object> container, String field) {
        Object own = get(container, "securityContext", field);
        return own != null ? own : get(pod, "securityContext", field);
    }

    static void assertSelects(Map<String, Object> selector, Map<String, Object> deployment) {
        Map<String, Object> labels = map(deployment, "spec", "template", "metadata", "labels");
        assertFalse(selector.isEmpty(), "empty selector");
        assertTrue(labels.entrySet().containsAll(selector.entrySet()), selector + " does not select " + labels);
    }

    static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertTrue(m.matches(), "memory in Mi or Gi: " + quantity);
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }

    static Object get(Map<?, ?> root, String... path) {
        Object node = root;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    static String str(Map<?, ?> root, String... path) {
        Object value = get(root, path);
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<?, ?> root, String... path) {
        Object value = get(root, path);
        assertTrue(value instanceof Map, String.join(".", path) + " is an object");
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<?, ?> root, String... path) {
        Object value = get(root, path);
        assertTrue(value instanceof List, String.join(".", path) + " is a list");
        return (List<Object>) value;
    }

    // ---------------------------------------------------------------------------------------------
    // Reading poms
    // ---------------------------------------------------------------------------------------------

    static Element pom(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile()).getDocumentElement();
    }

    static Element child(Element parent, String... path) {
        Element node = parent;
        for (String name : path) {
            Element next = null;
            for (Node n = node == null ? null : node.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    next = e;
                    break;
                }
            }
            node = next;
        }
        return node;
    }

    static String childText(Element parent, String... path) {
        Element e = child(parent, path);
        return e == null ? null : e.getTextContent().trim();
    }

    static List<String> texts(Element parent, String name) {
        assertNotNull(parent, "<" + name + "> list");
        List<String> texts = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                texts.add(e.getTextContent().trim());
            }
        }
        return texts;
    }

    static List<Element> plugins(Element project) {
        Element plugins = child(project, "build", "plugins");
        List<Element> found = new ArrayList<>();
        for (Node n = plugins == null ? null : plugins.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("plugin")) {
                found.add(e);
            }
        }
        return found;
    }

    // ---------------------------------------------------------------------------------------------

    static int indexOf(List<Instruction> instructions, java.util.function.Predicate<Instruction> test) {
        for (int i = 0; i < instructions.size(); i++) {
            if (test.test(instructions.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static int lastIndexOf(List<Instruction> instructions, java.util.function.Predicate<Instruction> test) {
        for (int i = instructions.size() - 1; i >= 0; i--) {
            if (test.test(instructions.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static Set<String> matches(String text, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, DeploymentArtifactsTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
