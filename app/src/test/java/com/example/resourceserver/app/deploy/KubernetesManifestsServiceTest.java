package com.example.resourceserver.app.deploy;

import static com.example.resourceserver.app.deploy.Manifests.manifest;
import static com.example.resourceserver.app.deploy.ServiceFacts.livenessPath;
import static com.example.resourceserver.app.deploy.ServiceFacts.prometheusPath;
import static com.example.resourceserver.app.deploy.ServiceFacts.readinessPath;
import static com.example.resourceserver.app.deploy.YamlTree.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.resourceserver.app.Application;
import com.example.resourceserver.app.support.ChildJvm;
import com.example.resourceserver.app.support.ServiceUnderTest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests against the real service: what the ConfigMap (and Secret) configure starts
 * it, and it answers on the paths the probes and the Prometheus annotations name.
 */
class KubernetesManifestsServiceTest {

    @Test
    void theConfigMapIsAConfigurationTheServiceAccepts() throws Exception {
        Map<String, String> environment = new LinkedHashMap<>();
        map(manifest("ConfigMap"), "data").forEach((k, v) -> environment.put(k, (String) v));
        assertStarts(environment);
        map(manifest("Secret"), "stringData").forEach((k, v) -> environment.put(k, (String) v));
        assertStarts(environment);
    }

    /**
     * The probes' paths answered by the real service. Health and metrics come with Micronaut
     * management, which another change adds; until it is on the classpath this test is skipped.
     */
    @Test
    void theServiceAnswersOnTheProbePaths() throws Exception {
        assumeTrue(
                onClasspath("io.micronaut.management.endpoint.health.HealthEndpoint"),
                "micronaut-management not on the classpath yet");
        try (ServiceUnderTest service = ServiceUnderTest.start(Map.of(), "dev")) {
            assertEquals(200, service.get(livenessPath()).statusCode());
            // Bounded polling: readiness follows the key warm-up, which runs in the background.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int readiness = service.get(readinessPath()).statusCode();
            while (readiness != 200 && System.nanoTime() < deadline) {
                Thread.sleep(200);
                readiness = service.get(readinessPath()).statusCode();
            }
            assertEquals(200, readiness, "ready once the development issuer's keys are loaded");
            if (onClasspath("io.micronaut.configuration.metrics.micrometer.prometheus.management.PrometheusEndpoint")) {
                assertEquals(200, service.get(prometheusPath()).statusCode());
            }
        }
    }

    static void assertStarts(Map<String, String> environment) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(environment);
        env.put("MICRONAUT_SERVER_PORT", "-1");
        try (ChildJvm jvm = ChildJvm.start(Application.class.getName(), env)) {
            assertTrue(jvm.awaitLine("Startup completed", 60), jvm.output());
            assertTrue(
                    jvm.output()
                            .contains("Trusting issuer 'default': iss " + environment.get("AUTH_ISSUER") + ", aud "
                                    + environment.get("AUTH_AUDIENCE") + ", keys by discovery"),
                    jvm.output());
        }
    }

    static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, KubernetesManifestsServiceTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
