package com.example.resourceserver.app.deploy;

import static com.example.resourceserver.app.deploy.Repository.DEPLOY;
import static com.example.resourceserver.app.deploy.Repository.ROOT;
import static com.example.resourceserver.app.deploy.YamlTree.get;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the deployment artifacts must agree with, read from its source: the port and management
 * paths from application.yml, the variables the READMEs and the configuration reference document.
 */
final class ServiceFacts {

    /** The issuer variables (docs/configuration.md): the image must set none of them. */
    static final Set<String> ISSUER_VARIABLES =
            Set.of("AUTH0_DOMAIN", "AUTH0_AUDIENCE", "API_IDENTIFIER", "AUTH_ISSUER", "AUTH_AUDIENCE", "AUTH_JWKS_URI");

    private ServiceFacts() {}

    static Map<String, Object> applicationYml() throws IOException {
        return YamlTree.loader().load(Files.readString(ROOT.resolve("app/src/main/resources/application.yml")));
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

    static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
