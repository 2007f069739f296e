package com.example.resourceserver.app.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.example.resourceserver.app.support.ProviderDpopClient;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.IntrospectionServer;
import com.example.resourceserver.auth.testing.IntrospectionServer.Reply;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.Poll;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard and the Prometheus alert rules in docs/deploy/monitoring, against the live service:
 * every metric, label and label value they select exists in a scrape of the running service after traffic
 * that produces each signal (refusals, a failed key fetch, an introspection call, DPoP proofs, a full replay
 * store, a GC); and the rules pass {@code promtool check rules} and their unit tests ({@code promtool test
 * rules alerts-test.yaml}: each alert fires on a synthetic series and stays silent on a healthy one).
 */
class MonitoringTest {

    /** Surefire runs with app/ as working directory. */
    static final Path MONITORING = Path.of("..").toAbsolutePath().normalize().resolve("docs/deploy/monitoring");

    /** Labels Prometheus adds to every scraped series; the service cannot have them. */
    static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("monitoring-key");

    @Test
    void everyMetricLabelAndValueTheDashboardAndTheRulesSelectIsInAScrapeOfTheService() throws Exception {
        Map<String, Map<String, Set<String>>> scraped = scrapeAfterTraffic();

        Map<String, String> expressions = new TreeMap<>();
        expressions.putAll(dashboardExpressions());
        expressions.putAll(alertExpressions());
        assertTrue(expressions.size() > 20, expressions.keySet().toString());

        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> entry : expressions.entrySet()) {
            PromQl.Parsed parsed = PromQl.parse(entry.getValue());
            assertFalse(parsed.selectors().isEmpty(), entry.getKey() + " selects nothing: " + entry.getValue());
            Set<String> labelsOfItsMetrics = new HashSet<>(TARGET_LABELS);
            for (PromQl.Selector selector : parsed.selectors()) {
                Map<String, Set<String>> series = scraped.get(selector.metric());
                if (series == null) {
                    problems.add(entry.getKey() + ": no metric " + selector.metric());
                    continue;
                }
                labelsOfItsMetrics.addAll(series.keySet());
                for (String label : selector.labels()) {
                    if (!series.containsKey(label)) {
                        problems.add(entry.getKey() + ": " + selector.metric() + " has no label " + label);
                    }
                }
                selector.exact().forEach((label, value) -> {
                    if (series.containsKey(label) && !series.get(label).contains(value)) {
                        problems.add(entry.getKey() + ": no " + selector.metric() + "{" + label + "=\"" + value
                                + "\"} among " + series.get(label));
                    }
                });
            }
            for (String label : parsed.groupingLabels()) {
                if (!labelsOfItsMetrics.contains(label)) {
                    problems.add(entry.getKey() + ": groups by " + label + ", which none of its metrics has");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theAlertRulesPassPromtoolAndTheirUnitTests() throws Exception {
        assumeTrue(
                Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "promtool"))),
                "promtool is not installed (Debian: apt-get install prometheus, as .ci/run does)");
        String checked = promtool("check", "rules", "alerts.yaml");
        assertTrue(checked.contains("SUCCESS: 7 rules found"), checked);
        String tested = promtool("test", "rules", "alerts-test.yaml");
        assertTrue(tested.contains("SUCCESS"), tested);

        // Each alert has a test that expects it to fire and one that expects silence.
        Map<String, Object> tests = new Yaml().load(Files.readString(MONITORING.resolve("alerts-test.yaml")));
        Map<String, int[]> firedSilent = new HashMap<>();
        for (Object test : (List<?>) tests.get("tests")) {
            for (Object check : (List<?>) ((Map<?, ?>) test).get("alert_rule_test")) {
                Map<?, ?> c = (Map<?, ?>) check;
                int[] counts = firedSilent.computeIfAbsent((String) c.get("alertname"), a -> new int[2]);
                counts[((List<?>) c.get("exp_alerts")).isEmpty() ? 1 : 0]++;
            }
        }
        for (String alert : alertExpressions().keySet()) {
            int[] counts = firedSilent.getOrDefault(alert.substring("alert ".length()), new int[2]);
            assertTrue(counts[0] > 0 && counts[1] > 0, alert + " is tested firing and silent");
        }
    }

    /** Traffic that makes every signal appear at least once, then the scrape: metric → label → values. */
    Map<String, Map<String, Set<String>>> scrapeAfterTraffic() throws Exception {
        try (IntrospectionServer introspection = IntrospectionServer.start()) {
            introspection.answer(token -> Reply.json("{\"active\":true,\"sub\":\"alice\",\"iss\":\"" + idp.issuer()
                    + "\",\"aud\":\"" + idp.audience() + "\",\"scope\":\"read:messages\",\"exp\":"
                    + (Instant.now().getEpochSecond() + 300) + "}"));
            ServiceUnderTest service = ServiceUnderTest.trusting(idp)
                    .fastKeyRefresh()
                    .with("auth.introspection.uri", introspection.endpoint().toString())
                    .with("auth.introspection.client-id", "resource-server")
                    .with("auth.introspection.client-secret", "secret")
                    // One proof fills the in-process replay store: the next one is 503, replay_store_unavailable.
                    .with("auth.dpop.replay-cache-max-entries", 1)
                    .start();
            String token = idp.valid("read:messages");
            assertEquals(200, service.get("/api/public").statusCode());
            assertEquals(200, service.getWithToken("/api/private", token).statusCode());
            assertEquals(200, service.getWithToken("/api/private-scoped", token).statusCode());
            assertEquals(
                    403,
                    service.getWithToken("/api/private-scoped", idp.valid("openid"))
                            .statusCode());
            assertEquals(401, service.get("/api/private").statusCode());
            assertEquals(401, service.getWithToken("/api/private", token + "x").statusCode());
            assertEquals(
                    200, service.getWithToken("/api/private", "an-opaque-token").statusCode());

            ProviderDpopClient dpop = ProviderDpopClient.withNewKey();
            String bound = dpop.boundToken(idp, "");
            assertEquals(200, dpop.get(service, "/api/private", bound).statusCode());
            assertEquals(503, dpop.get(service, "/api/private", bound).statusCode());

            // A key set that cannot be fetched: a token with a new kid makes the service try.
            idp.jwks().mode(JwksServer.Mode.FAIL_500);
            String unknownKid = idp.mint(idp.addKey("monitoring-key-2")).valid("read:messages");
            service.getWithToken("/api/private", unknownKid);
            idp.jwks().mode(JwksServer.Mode.SERVE);

            System.gc(); // in-process: a GC pause for the JVM panels
            return Poll.until(
                    () -> series(service.get("/prometheus").body()),
                    s -> s.containsKey("jvm_gc_pause_seconds_count")
                            && s.getOrDefault("jwks_fetches_seconds_count", Map.of())
                                    .getOrDefault("result", Set.of())
                                    .contains("failure"),
                    Duration.ofSeconds(30));
        }
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? \\S+$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static Map<String, Map<String, Set<String>>> series(String exposition) {
        Map<String, Map<String, Set<String>>> series = new HashMap<>();
        for (String line : exposition.split("\n")) {
            Matcher sample = SAMPLE.matcher(line);
            if (line.startsWith("#") || !sample.matches()) {
                continue;
            }
            Map<String, Set<String>> labels = series.computeIfAbsent(sample.group(1), m -> new HashMap<>());
            if (sample.group(2) != null) {
                Matcher label = LABEL.matcher(sample.group(2));
                while (label.find()) {
                    labels.computeIfAbsent(label.group(1), l -> new HashSet<>()).add(label.group(2));
                }
            }
        }
        return series;
    }

    /** "panel <title> <refId>" → PromQL, with Grafana's interval variable as a plain range. */
    @SuppressWarnings("unchecked")
    static Map<String, String> dashboardExpressions() throws Exception {
        Map<String, Object> dashboard = JSONObjectUtils.parse(Files.readString(MONITORING.resolve("dashboard.json")));
        Map<String, String> expressions = new TreeMap<>();
        for (Object p : (List<Object>) dashboard.get("panels")) {
            Map<String, Object> panel = (Map<String, Object>) p;
            for (Object t : (List<Object>) panel.getOrDefault("targets", List.of())) {
                Map<String, Object> target = (Map<String, Object>) t;
                expressions.put(
                        "panel " + panel.get("title") + " " + target.get("refId"),
                        ((String) target.get("expr")).replace("$__rate_interval", "5m"));
            }
        }
        return expressions;
    }

    /** "alert <name>" → PromQL. */
    @SuppressWarnings("unchecked")
    static Map<String, String> alertExpressions() throws Exception {
        Map<String, Object> rules = new Yaml().load(Files.readString(MONITORING.resolve("alerts.yaml")));
        Map<String, String> expressions = new TreeMap<>();
        for (Object g : (List<Object>) rules.get("groups")) {
            for (Object r : (List<Object>) ((Map<String, Object>) g).get("rules")) {
                Map<String, Object> rule = (Map<String, Object>) r;
                expressions.put("alert " + rule.get("alert"), (String) rule.get("expr"));
            }
        }
        return expressions;
    }

    static String promtool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command)
                .directory(MONITORING.toFile())
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool hangs");
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + output);
        return output;
    }
}
