package com.example.resourceserver.app.deploy;

import static com.example.resourceserver.app.deploy.Poms.appPom;
import static com.example.resourceserver.app.deploy.Poms.child;
import static com.example.resourceserver.app.deploy.Poms.childText;
import static com.example.resourceserver.app.deploy.Poms.plugins;
import static com.example.resourceserver.app.deploy.Poms.texts;
import static com.example.resourceserver.app.deploy.ServiceFacts.serverPort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.Application;
import com.example.resourceserver.app.launch.AppRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The Jib block in app/pom.xml: the image without a Docker engine, kept equal to the Dockerfile's where
 * Jib can be (base image, port, user, the JVM settings app/run gives).
 */
class JibConfigurationTest {

    @Test
    void jibBuildsTheSameImageAsTheDockerfile() throws Exception {
        Dockerfile docker = Dockerfile.read();
        Element app = appPom();
        Element jib = plugins(app).stream()
                .filter(p -> "jib-maven-plugin".equals(childText(p, "artifactId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no jib-maven-plugin in app/pom.xml"));
        assertEquals(docker.runtimeBaseImage(), childText(jib, "configuration", "from", "image"));
        Element container = child(jib, "configuration", "container");
        assertNotNull(container, "jib <container>");
        assertEquals(List.of(String.valueOf(serverPort())), texts(child(container, "ports"), "port"));
        assertEquals(docker.user(), childText(container, "user"));
        assertEquals(
                AppRun.jvmDefaults(),
                texts(child(container, "jvmFlags"), "jvmFlag"),
                "app/run's JVM defaults, which the Dockerfile's image starts with (Jib has no startup cache)");
        assertEquals("${exec.mainClass}", childText(container, "mainClass"));
        assertEquals(Application.class.getName(), childText(app, "properties", "exec.mainClass"));
        assertEquals("USE_CURRENT_TIMESTAMP", childText(container, "creationTime"));
        assertNotNull(childText(jib, "configuration", "outputPaths", "tar"), "jib:buildTar target file");
        assertTrue(child(container, "environment") == null, "Jib sets no environment (no issuer, no environment name)");
    }
}
