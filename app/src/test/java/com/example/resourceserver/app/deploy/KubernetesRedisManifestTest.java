package com.example.resourceserver.app.deploy;

import static com.example.resourceserver.app.deploy.Manifests.REDIS;
import static com.example.resourceserver.app.deploy.Manifests.REDIS_PATCH;
import static com.example.resourceserver.app.deploy.Manifests.assertSizedResources;
import static com.example.resourceserver.app.deploy.Manifests.container;
import static com.example.resourceserver.app.deploy.Manifests.containerPort;
import static com.example.resourceserver.app.deploy.Manifests.documents;
import static com.example.resourceserver.app.deploy.Manifests.manifest;
import static com.example.resourceserver.app.deploy.Manifests.securityContext;
import static com.example.resourceserver.app.deploy.Manifests.selects;
import static com.example.resourceserver.app.deploy.Repository.DEPLOY;
import static com.example.resourceserver.app.deploy.Repository.ROOT;
import static com.example.resourceserver.app.deploy.YamlTree.get;
import static com.example.resourceserver.app.deploy.YamlTree.list;
import static com.example.resourceserver.app.deploy.YamlTree.map;
import static com.example.resourceserver.app.deploy.YamlTree.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.auth.config.DpopSettings;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The optional Redis for the DPoP replay store (docs/deploy/optional/redis.yaml) and the patch that points the
 * service at it (redis-patch.yaml): checked against each other, the service's own manifests, the settings the
 * service accepts and what the READMEs tell people to type.
 */
class KubernetesRedisManifestTest {

    static Map<String, Object> redis(String kind) throws Exception {
        List<Map<String, Object>> found = documents(REDIS).stream()
                .filter(d -> kind.equals(d.get("kind")))
                .toList();
        assertEquals(1, found.size(), "one " + kind + " in redis.yaml");
        return found.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> redisContainer() throws Exception {
        List<Object> containers = list(redis("Deployment"), "spec", "template", "spec", "containers");
        assertEquals(1, containers.size());
        return (Map<String, Object>) containers.get(0);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> patchEnv() throws Exception {
        List<Map<String, Object>> patch = documents(REDIS_PATCH);
        assertEquals(1, patch.size());
        List<Object> containers = list(patch.get(0), "spec", "template", "spec", "containers");
        assertEquals(1, containers.size());
        return list((Map<String, Object>) containers.get(0), "env").stream()
                .map(e -> (Map<String, Object>) e)
                .toList();
    }

    static Map<String, Object> variable(List<Map<String, Object>> env, String name) {
        return env.stream()
                .filter(e -> name.equals(e.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + env));
    }

    static String patchedRedisUri() throws Exception {
        return str(variable(patchEnv(), "REDIS_URI"), "value");
    }

    /** The Redis container's port a Service or NetworkPolicy names, by number or name. */
    static int redisPort(Object port) throws Exception {
        return containerPort(redisContainer(), port);
    }

    @Test
    void redisYamlIsADeploymentAServiceAndANetworkPolicyWithoutNamespace() throws Exception {
        List<Map<String, Object>> docs = documents(REDIS);
        Set<String> kinds = docs.stream()
                .map(d -> d.get("apiVersion") + " " + d.get("kind"))
                .collect(Collectors.toSet());
        assertEquals(Set.of("apps/v1 Deployment", "v1 Service", "networking.k8s.io/v1 NetworkPolicy"), kinds);
        assertEquals(docs.size(), kinds.size(), "one object of each kind");
        for (Map<String, Object> doc : docs) {
            assertEquals("resource-server-redis", str(doc, "metadata", "name"));
            assertTrue(get(doc, "metadata", "namespace") == null, "no namespace in " + doc.get("kind"));
        }
        assertFalse(
                Manifests.all().stream().anyMatch(d -> "resource-server-redis".equals(str(d, "metadata", "name"))),
                "not among the service's own manifests");
    }

    @Test
    void oneRedisPodThatTheServicesSelectorsNeverPickUp() throws Exception {
        Map<String, Object> deployment = redis("Deployment");
        assertEquals(1, get(deployment, "spec", "replicas"));
        assertEquals("Recreate", str(deployment, "spec", "strategy", "type"), "never two Redis pods at once");
        Map<String, Object> labels = map(deployment, "spec", "template", "metadata", "labels");
        assertTrue(selects(map(deployment, "spec", "selector", "matchLabels"), labels));
        assertTrue(selects(map(redis("Service"), "spec", "selector"), labels), "the Redis Service selects Redis");
        assertFalse(selects(map(manifest("Deployment"), "spec", "selector", "matchLabels"), labels));
        assertFalse(selects(map(manifest("Service"), "spec", "selector"), labels));
        assertFalse(selects(map(manifest("PodDisruptionBudget"), "spec", "selector", "matchLabels"), labels));
    }

    @Test
    void theRedisPodIsLockedDownAndRunsAsNonRoot() throws Exception {
        Map<String, Object> pod = map(redis("Deployment"), "spec", "template", "spec");
        Map<String, Object> container = redisContainer();
        assertEquals(true, securityContext(pod, container, "runAsNonRoot"));
        Object user = securityContext(pod, container, "runAsUser");
        assertTrue(user instanceof Integer uid && uid > 0, "a numeric non-root user: " + user);
        assertEquals(false, get(container, "securityContext", "allowPrivilegeEscalation"));
        assertEquals(true, get(container, "securityContext", "readOnlyRootFilesystem"));
        assertEquals(List.of("ALL"), get(container, "securityContext", "capabilities", "drop"));
        assertTrue(get(container, "securityContext", "capabilities", "add") == null, "no capability added");
        assertEquals(Map.of("type", "RuntimeDefault"), securityContext(pod, container, "seccompProfile"));
        assertEquals(false, pod.get("automountServiceAccountToken"));
        assertEquals(false, pod.get("enableServiceLinks"));
    }

    @Test
    void redisHasResourcesAndNeverEvictsAnEntryOrPersistsOne() throws Exception {
        Map<String, Object> container = redisContainer();
        long limit = assertSizedResources(container);

        List<String> args =
                list(container, "args").stream().map(String::valueOf).toList();
        assertEquals("noeviction", argument(args, "--maxmemory-policy"), "evicting a live entry re-opens a proof");
        String maxmemory = argument(args, "--maxmemory");
        assertTrue(maxmemory.matches("\\d+mb"), "--maxmemory in mb: " + maxmemory);
        long data = Long.parseLong(maxmemory.replace("mb", ""));
        assertTrue(data * 3 / 2 <= limit, "room beside " + maxmemory + " under the " + limit + " MiB limit");
        assertEquals("", argument(args, "--save"), "no snapshots");
        assertEquals("no", argument(args, "--appendonly"), "no append-only file");
    }

    static String argument(List<String> args, String option) {
        int at = args.indexOf(option);
        assertTrue(at >= 0 && at + 1 < args.size(), option + " with a value in " + args);
        return args.get(at + 1);
    }

    @Test
    void thePasswordComesFromTheSecretThePatchReadsToo() throws Exception {
        Map<String, Object> container = redisContainer();
        List<String> args =
                list(container, "args").stream().map(String::valueOf).toList();
        assertEquals("$(REDIS_PASSWORD)", argument(args, "--requirepass"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> env = list(container, "env").stream()
                .map(e -> (Map<String, Object>) e)
                .toList();
        Object redisSide = get(variable(env, "REDIS_PASSWORD"), "valueFrom", "secretKeyRef");
        Object serviceSide = get(variable(patchEnv(), "REDIS_PASSWORD"), "valueFrom", "secretKeyRef");
        assertNotNull(redisSide);
        assertEquals(redisSide, serviceSide, "one Secret, one key, for both sides");

        // What the README and redis.yaml tell people to create is that Secret.
        String command = "create secret generic " + str((Map<?, ?>) redisSide, "name") + " --from-literal="
                + str((Map<?, ?>) redisSide, "key") + "=";
        assertTrue(Files.readString(DEPLOY.resolve("README.md")).contains(command), "README: " + command);
        assertTrue(Files.readString(REDIS).contains(command), "redis.yaml: " + command);
    }

    @Test
    void thePatchedRedisUriNamesTheRedisServiceAndItsPortAndTheServiceAcceptsIt() throws Exception {
        List<Map<String, Object>> env = patchEnv();
        List<String> names = env.stream().map(e -> (String) e.get("name")).toList();
        assertTrue(
                names.indexOf("REDIS_PASSWORD") < names.indexOf("REDIS_URI"),
                "Kubernetes expands $(REDIS_PASSWORD) only from a variable listed before: " + names);

        URI uri = URI.create(patchedRedisUri().replace("$(REDIS_PASSWORD)", "0123abcd"));
        Map<String, Object> service = redis("Service");
        assertEquals(str(service, "metadata", "name"), uri.getHost());
        List<Object> ports = list(service, "spec", "ports");
        assertEquals(1, ports.size());
        Map<?, ?> port = (Map<?, ?>) ports.get(0);
        assertEquals(port.get("port"), uri.getPort(), "REDIS_URI's port is the Service's");
        assertEquals(6379, redisPort(port.get("targetPort")), "the Service reaches Redis's port");
        assertEquals(":0123abcd", uri.getUserInfo(), "the password, without a user name");

        DpopSettings settings = new DpopSettings();
        settings.setReplayStore(str(variable(env, "AUTH_DPOP_REPLAY_STORE"), "value"));
        settings.setRedisUri(uri.toString());
        settings.validate();
        assertEquals(DpopSettings.ReplayStore.REDIS, settings.replayStoreKind());
    }

    @Test
    void thePatchMergesIntoTheServicesContainerRatherThanAddingOne() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> patched =
                (Map<String, Object>) list(documents(REDIS_PATCH).get(0), "spec", "template", "spec", "containers")
                        .get(0);
        assertEquals(container().get("name"), patched.get("name"), "strategic merge by container name");
        assertEquals(Set.of("name", "env"), patched.keySet(), "the patch adds variables, nothing else");
        List<String> names = new ArrayList<>();
        patchEnv().forEach(e -> names.add((String) e.get("name")));
        assertEquals(List.of("AUTH_DPOP_REPLAY_STORE", "REDIS_PASSWORD", "REDIS_URI"), names);
        for (String documented : List.of("AUTH_DPOP_REPLAY_STORE", "REDIS_URI")) {
            assertTrue(
                    ServiceFacts.configurationReferenceVariables().contains(documented),
                    documented + " is documented in docs/configuration.md");
        }
    }

    @Test
    void theDocumentedRedisUriIsThePatchedOne() throws Exception {
        String uri = patchedRedisUri();
        assertTrue(Files.readString(DEPLOY.resolve("README.md")).contains(uri), "docs/deploy/README.md: " + uri);
        assertTrue(Files.readString(ROOT.resolve("docs/operations.md")).contains(uri), "docs/operations.md: " + uri);
    }

    @Test
    void onlyTheServicesPodsMayReachRedis() throws Exception {
        Map<String, Object> policy = redis("NetworkPolicy");
        Map<String, Object> redisLabels = map(redis("Deployment"), "spec", "template", "metadata", "labels");
        assertTrue(selects(map(policy, "spec", "podSelector", "matchLabels"), redisLabels));
        assertEquals(List.of("Ingress"), get(policy, "spec", "policyTypes"));
        List<Object> ingress = list(policy, "spec", "ingress");
        assertEquals(1, ingress.size());
        Map<?, ?> rule = (Map<?, ?>) ingress.get(0);
        List<?> from = (List<?>) rule.get("from");
        assertEquals(1, from.size());
        @SuppressWarnings("unchecked")
        Map<String, Object> allowed = (Map<String, Object>) get((Map<?, ?>) from.get(0), "podSelector", "matchLabels");
        Map<String, Object> serviceLabels = map(manifest("Deployment"), "spec", "template", "metadata", "labels");
        assertTrue(selects(allowed, serviceLabels), "the service's pods are let in");
        assertFalse(selects(allowed, redisLabels), "and not every pod of the part-of group");
        List<?> ports = (List<?>) rule.get("ports");
        assertEquals(1, ports.size());
        assertEquals(6379, redisPort(((Map<?, ?>) ports.get(0)).get("port")));
        assertNotEquals(null, get((Map<?, ?>) ports.get(0), "protocol"));
    }
}
