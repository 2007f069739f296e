package com.example.resourceserver.app.deploy;

import static com.example.resourceserver.app.deploy.Repository.DEPLOY;
import static com.example.resourceserver.app.deploy.YamlTree.get;
import static com.example.resourceserver.app.deploy.YamlTree.list;
import static com.example.resourceserver.app.deploy.YamlTree.map;
import static com.example.resourceserver.app.deploy.YamlTree.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Kubernetes manifests in docs/deploy and docs/deploy/optional, and what tests ask of them. */
final class Manifests {

    private Manifests() {}

    /** The optional Redis for the DPoP replay store: a separate workload beside the service. */
    static final Path REDIS = DEPLOY.resolve("optional/redis.yaml");

    /** The strategic merge patch that points the service's Deployment at that Redis (not an object). */
    static final Path REDIS_PATCH = DEPLOY.resolve("optional/redis-patch.yaml");

    /** Every document of every .yaml/.yml file of the service itself, in file order (not the Redis files). */
    static List<Map<String, Object>> all() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Path dir : List.of(DEPLOY, DEPLOY.resolve("optional"))) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f ->
                                f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                        .filter(f -> !f.equals(REDIS) && !f.equals(REDIS_PATCH))
                        .sorted()
                        .toList()) {
                    docs.addAll(documents(file));
                }
            }
        }
        return docs;
    }

    /** Every document of one file, each an object. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : YamlTree.loader().loadAll(Files.readString(file, StandardCharsets.UTF_8))) {
            assertTrue(doc instanceof Map, file + " holds an object per document");
            docs.add((Map<String, Object>) doc);
        }
        return docs;
    }

    /** The one object of this kind. */
    static Map<String, Object> manifest(String kind) throws IOException {
        List<Map<String, Object>> found =
                all().stream().filter(d -> kind.equals(d.get("kind"))).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    /** The Deployment's one container. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> container() throws IOException {
        List<Object> containers = list(manifest("Deployment"), "spec", "template", "spec", "containers");
        assertEquals(1, containers.size());
        return (Map<String, Object>) containers.get(0);
    }

    /** A probe's or Service's port, by number or by the name of one of the Deployment's container's ports. */
    static int containerPort(Object port) throws IOException {
        return containerPort(container(), port);
    }

    /** A probe's or Service's port, by number or by the name of one of this container's ports. */
    static int containerPort(Map<String, Object> container, Object port) {
        if (port instanceof Integer number) {
            return number;
        }
        return list(container, "ports").stream()
                .map(p -> (Map<?, ?>) p)
                .filter(p -> Objects.equals(port, p.get("name")))
                .map(p -> (Integer) p.get("containerPort"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no container port named " + port));
    }

    /** A security-context field as it applies to the container: its own, else the pod's. */
    static Object securityContext(Map<String, Object> pod, Map<String, Object> container, String field) {
        Object own = get(container, "securityContext", field);
        return own != null ? own : get(pod, "securityContext", field);
    }

    static void assertSelects(Map<String, Object> selector, Map<String, Object> deployment) {
        Map<String, Object> labels = map(deployment, "spec", "template", "metadata", "labels");
        assertFalse(selector.isEmpty(), "empty selector");
        assertTrue(selects(selector, labels), selector + " does not select " + labels);
    }

    /** Whether a label selector matches these labels (every selector entry among them). */
    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return labels.entrySet().containsAll(selector.entrySet());
    }

    /**
     * Asserts that the container requests and limits CPU and memory, with the memory request equal to the
     * limit (a pod that cannot be evicted for memory it was promised); returns that limit in MiB.
     */
    static long assertSizedResources(Map<String, Object> container) {
        for (String kind : List.of("requests", "limits")) {
            for (String resource : List.of("cpu", "memory")) {
                assertNotNull(get(container, "resources", kind, resource), "resources." + kind + "." + resource);
            }
        }
        long limit = mebibytes(str(container, "resources", "limits", "memory"));
        assertEquals(limit, mebibytes(str(container, "resources", "requests", "memory")), "memory request = limit");
        return limit;
    }

    static long mebibytes(String quantity) {
        Matcher m = Pattern.compile("(\\d+)(Mi|Gi)").matcher(quantity);
        assertTrue(m.matches(), "memory in Mi or Gi: " + quantity);
        return Long.parseLong(m.group(1)) * (m.group(2).equals("Gi") ? 1024 : 1);
    }
}
