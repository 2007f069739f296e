package com.example.resourceserver.app.deploy;

import static com.example.resourceserver.app.deploy.Manifests.assertSelects;
import static com.example.resourceserver.app.deploy.Manifests.assertSizedResources;
import static com.example.resourceserver.app.deploy.Manifests.container;
import static com.example.resourceserver.app.deploy.Manifests.containerPort;
import static com.example.resourceserver.app.deploy.Manifests.manifest;
import static com.example.resourceserver.app.deploy.Manifests.securityContext;
import static com.example.resourceserver.app.deploy.ServiceFacts.configurationReferenceVariables;
import static com.example.resourceserver.app.deploy.ServiceFacts.deployReadmeVariables;
import static com.example.resourceserver.app.deploy.ServiceFacts.livenessPath;
import static com.example.resourceserver.app.deploy.ServiceFacts.managementPort;
import static com.example.resourceserver.app.deploy.ServiceFacts.prometheusPath;
import static com.example.resourceserver.app.deploy.ServiceFacts.readinessPath;
import static com.example.resourceserver.app.deploy.ServiceFacts.readmeVariables;
import static com.example.resourceserver.app.deploy.ServiceFacts.serverPort;
import static com.example.resourceserver.app.deploy.ServiceFacts.union;
import static com.example.resourceserver.app.deploy.YamlTree.get;
import static com.example.resourceserver.app.deploy.YamlTree.list;
import static com.example.resourceserver.app.deploy.YamlTree.map;
import static com.example.resourceserver.app.deploy.YamlTree.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.launch.AppRun;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests in docs/deploy, checked offline against the service (port, health paths
 * from application.yml), the image (user, app/run's heap), the documented variables and each other.
 * {@link KubernetesManifestsServiceTest} starts the real service with what they configure.
 */
class KubernetesManifestsTest {

    /** What the ConfigMap carries (issue 5): the issuer pair and the two token rules. */
    static final Set<String> CONFIG_MAP_VARIABLES =
            Set.of("AUTH_ISSUER", "AUTH_AUDIENCE", "AUTH_ALGORITHMS", "AUTH_LEEWAY");

    /** Measured with -Xmx128m -XX:+UseSerialGC: the heap the service needs and its RSS after heavy load. */
    static final long MEASURED_HEAP_MIB = 128;

    static final long MEASURED_RSS_UNDER_LOAD_MIB = 190;

    @Test
    void everyManifestIsANamespaceAgnosticObject() throws Exception {
        List<Map<String, Object>> all = Manifests.all();
        for (Map<String, Object> doc : all) {
            assertTrue(doc.get("apiVersion") instanceof String s && !s.isBlank(), "apiVersion: " + doc);
            assertTrue(doc.get("kind") instanceof String s && !s.isBlank(), "kind: " + doc);
            assertTrue(
                    str(doc, "metadata", "name") != null
                            && !str(doc, "metadata", "name").isBlank(),
                    "metadata.name: " + doc);
            assertTrue(get(doc, "metadata", "namespace") == null, "no namespace in " + doc.get("kind"));
        }
        Set<String> kinds =
                all.stream().map(d -> d.get("apiVersion") + " " + d.get("kind")).collect(Collectors.toSet());
        assertEquals(
                Set.of(
                        "apps/v1 Deployment",
                        "v1 Service",
                        "v1 ConfigMap",
                        "v1 Secret",
                        "policy/v1 PodDisruptionBudget",
                        "autoscaling/v2 HorizontalPodAutoscaler"),
                kinds);
        assertEquals(all.size(), kinds.size(), "one object of each kind");
    }

    @Test
    void theDeploymentRunsTwoReplicasOfItsOwnPods() throws Exception {
        Map<String, Object> deployment = manifest("Deployment");
        assertEquals(2, get(deployment, "spec", "replicas"));
        assertSelects(map(deployment, "spec", "selector", "matchLabels"), deployment);
        assertEquals(
                List.of(serverPort()),
                list(container(), "ports").stream()
                        .map(p -> ((Map<?, ?>) p).get("containerPort"))
                        .toList());
    }

    @Test
    void probesUseTheHealthPathsOnTheApplicationPort() throws Exception {
        Map<String, Object> container = container();
        assertEquals(
                livenessPath(),
                str(container, "startupProbe", "httpGet", "path"),
                "startup gated on liveness, not on keys");
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
        assertEquals(
                Integer.valueOf(Dockerfile.read().user().split(":")[0]),
                securityContext(pod, container, "runAsUser"),
                "the Dockerfile's and Jib's user");
        assertEquals(false, get(container, "securityContext", "allowPrivilegeEscalation"));
        assertEquals(true, get(container, "securityContext", "readOnlyRootFilesystem"));
        assertEquals(List.of("ALL"), get(container, "securityContext", "capabilities", "drop"));
        assertTrue(get(container, "securityContext", "capabilities", "add") == null, "no capability added");
        assertEquals(Map.of("type", "RuntimeDefault"), securityContext(pod, container, "seccompProfile"));
        assertEquals(false, pod.get("automountServiceAccountToken"));

        // /tmp, the only writable path, is an emptyDir.
        Map<?, ?> tmp = list(container, "volumeMounts").stream()
                .map(m -> (Map<?, ?>) m)
                .filter(m -> "/tmp".equals(m.get("mountPath")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no /tmp mount"));
        Map<?, ?> volume = list(pod, "volumes").stream()
                .map(v -> (Map<?, ?>) v)
                .filter(v -> Objects.equals(v.get("name"), tmp.get("name")))
                .findFirst()
                .orElseThrow();
        assertTrue(volume.get("emptyDir") instanceof Map, "/tmp is an emptyDir: " + volume);
    }

    @Test
    void resourcesFitTheMeasuredMemory() throws Exception {
        Map<String, Object> container = container();
        long limit = assertSizedResources(container);

        long heap = AppRun.maxHeapMebibytes(); // the image starts through app/run
        long nonHeap = MEASURED_RSS_UNDER_LOAD_MIB - MEASURED_HEAP_MIB;
        assertTrue(heap >= MEASURED_HEAP_MIB, "heap " + heap + " MiB under the " + limit + " MiB limit");
        assertTrue(
                limit - heap >= nonHeap * 3 / 2,
                "room beside the heap: " + (limit - heap) + " MiB for ~" + nonHeap
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
        assertEquals(
                union(data.keySet(), secretData.keySet()),
                deployReadmeVariables(),
                "docs/deploy/README.md documents exactly the manifests' variables");

        List<Object> envFrom = list(container(), "envFrom");
        assertEquals(
                List.of(
                        Map.of("configMapRef", Map.of("name", str(configMap, "metadata", "name"))),
                        Map.of("secretRef", Map.of("name", str(secret, "metadata", "name"), "optional", true))),
                envFrom,
                "ConfigMap first, then the optional Secret, whose values win");
        assertTrue(container().get("env") == null, "everything through envFrom");
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
        assertTrue(
                (int) get(pdb, "spec", "minAvailable")
                        < (int) get(manifest("HorizontalPodAutoscaler"), "spec", "minReplicas"),
                "a drain can always evict one pod");
    }

    @Test
    void theAutoscalerScalesTheDeploymentOnCpu() throws Exception {
        Map<String, Object> hpa = manifest("HorizontalPodAutoscaler");
        Map<String, Object> deployment = manifest("Deployment");
        assertEquals(
                Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", str(deployment, "metadata", "name")),
                map(hpa, "spec", "scaleTargetRef"));
        assertEquals(get(deployment, "spec", "replicas"), get(hpa, "spec", "minReplicas"));
        assertTrue((int) get(hpa, "spec", "maxReplicas") > (int) get(hpa, "spec", "minReplicas"));
        assertEquals(
                List.of(Map.of(
                        "type",
                        "Resource",
                        "resource",
                        Map.of("name", "cpu", "target", Map.of("type", "Utilization", "averageUtilization", 70)))),
                list(hpa, "spec", "metrics"));
    }
}
