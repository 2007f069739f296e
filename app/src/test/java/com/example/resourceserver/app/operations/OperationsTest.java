package com.example.resourceserver.app.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.example.resourceserver.app.support.RawHttp;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.Poll;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.example.resourceserver.auth.testing.TestKeys;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/** What an operator sees from outside: health, metrics, logs and the API description. */
class OperationsTest {

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("ops");

    ServiceUnderTest service; // started by each test, stopped by idp

    // --- health ---------------------------------------------------------------------------------------

    @Test
    void readinessWaitsForKeysAndLivenessDoesNot() throws Exception {
        idp.mode(JwksServer.Mode.FAIL_500);
        service = ServiceUnderTest.trusting(idp).fastKeyRefresh().start();

        assertEquals(503, service.get("/health/readiness").statusCode());
        assertEquals("{\"status\":\"DOWN\"}", service.get("/health/readiness").body());
        assertEquals(200, service.get("/health/liveness").statusCode());

        idp.mode(JwksServer.Mode.SERVE); // no token arrives: the background warm-up retries alone
        int status =
                Poll.until(() -> service.get("/health/readiness").statusCode(), s -> s == 200, Duration.ofSeconds(5));
        assertEquals(200, status, "readiness should flip once the keys load");

        idp.mode(JwksServer.Mode.FAIL_500);
        // A sleep, not a poll: what is checked is that nothing changes once the 2 s cache TTL has passed.
        Thread.sleep(2500); // refreshes now fail: cached keys still verify, so ready and alive stay UP
        assertEquals(200, service.get("/health/readiness").statusCode());
        assertEquals(200, service.get("/health/liveness").statusCode());
        assertEquals(200, service.getWithToken("/api/private", idp.valid("")).statusCode());
    }

    @Test
    void healthDetailsAreHiddenUnlessConfiguredAndNeverCarryConfiguration() {
        service = ServiceUnderTest.startTrusting(idp);
        assertFalse(service.get("/health/readiness").body().contains("issuers"));
        service.close();

        service = ServiceUnderTest.trusting(idp)
                .with("endpoints.health.details-visible", "ANONYMOUS")
                .start();
        service.getWithToken("/api/private", idp.valid("")); // keys loaded
        String body = service.get("/health/readiness").body();
        assertTrue(
                body.contains("\"issuers\"")
                        && body.contains("\"keysLoaded\":true")
                        && body.contains("\"lastRefreshSucceeded\":true")
                        && body.contains("\"keyAgeSeconds\""),
                body);
        assertFalse(
                body.contains("127.0.0.1") || body.contains(ServiceUnderTest.AUDIENCE),
                "no URLs or audiences: " + body);
    }

    // --- metrics --------------------------------------------------------------------------------------

    @Test
    void metricsCountAuthenticationOutcomesRequestsKeysAndTheCache() {
        service = ServiceUnderTest.startTrusting(idp);
        String before = service.get("/prometheus").body();

        String token = idp.valid("read:messages");
        service.getWithToken("/api/private", token);
        service.getWithToken("/api/private", token); // ok x2 (one cache hit)
        service.get("/api/private"); // missing
        service.getWithToken(
                "/api/private",
                idp.token().claim("exp", Instant.now().getEpochSecond() - 3600).sign());
        service.getWithToken(
                "/api/private", idp.token().signedWith(TestKeys.rsa("ops")).sign()); // bad signature
        service.getWithToken("/api/private-scoped", idp.valid("")); // insufficient scope
        RawHttp.get(service.port(), "/api/private", "Authorization: Bearer a.b.c", "Authorization: Bearer a.b.c");
        service.get("/api/public");
        RawHttp.get(service.port(), "/health", "Authorization: Bearer a.b.c"); // not a protected route

        String after = service.get("/prometheus").body();
        assertEquals(200, service.get("/prometheus").statusCode());
        assertDelta(2, before, after, "authentication_outcomes_total", Map.of("outcome", "ok", "reason", "none"));
        assertDelta(1, before, after, "authentication_outcomes_total", Map.of("outcome", "missing"));
        assertDelta(
                1,
                before,
                after,
                "authentication_outcomes_total",
                Map.of("outcome", "invalid_token", "reason", "expired"));
        assertDelta(
                1,
                before,
                after,
                "authentication_outcomes_total",
                Map.of("outcome", "invalid_token", "reason", "bad_signature"));
        assertDelta(1, before, after, "authentication_outcomes_total", Map.of("outcome", "insufficient_scope"));
        assertDelta(
                1,
                before,
                after,
                "authentication_outcomes_total",
                Map.of("outcome", "invalid_request", "reason", "multiple_authorization_headers"));
        assertDelta(0, before, after, "authentication_outcomes_total", Map.of("outcome", "not_required"));
        assertDelta(0, before, after, "authentication_outcomes_total", Map.of("reason", "malformed"));
        assertDelta(
                1, before, after, "http_server_requests_seconds_count", Map.of("uri", "/api/public", "status", "200"));
        assertDelta(
                1,
                before,
                after,
                "http_server_requests_seconds_count",
                Map.of("uri", "/api/private-scoped", "status", "403"));
        assertDelta(1, before, after, "verified_token_cache_requests_total", Map.of("result", "hit"));
        assertTrue(
                Prometheus.value(after, "jwks_fetches_seconds_count", Map.of("issuer", "default", "result", "success"))
                        >= 1,
                after);
        assertTrue(Prometheus.value(after, "jwks_key_age_seconds", Map.of("issuer", "default")) >= 0);
        assertEquals(1, Prometheus.value(after, "jwks_keys", Map.of("issuer", "default")));
        assertFalse(
                after.contains("ops\"") || after.contains("sub=") || after.contains(token.substring(0, 20)),
                "no kid, subject or token as a label");
    }

    static void assertDelta(double expected, String before, String after, String metric, Map<String, String> labels) {
        double delta = Prometheus.value(after, metric, labels) - Prometheus.value(before, metric, labels);
        assertEquals(expected, delta, metric + labels);
    }

    // --- HTTP -----------------------------------------------------------------------------------------

    @Test
    void everyResponseCarriesOneDateInImfFixdate() {
        service = ServiceUnderTest.startTrusting(idp);
        for (String path : List.of("/api/public", "/api/private", "/nope")) {
            HttpResponse<String> response = service.get(path);
            List<String> dates = response.headers().allValues("Date");
            assertEquals(1, dates.size(), path + ": " + dates);
            String date = dates.get(0);
            assertTrue(
                    date.matches("[A-Z][a-z]{2}, \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"),
                    path + ": " + date);
            long seconds = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toEpochSecond();
            assertTrue(Math.abs(seconds - Instant.now().getEpochSecond()) < 60, path + ": " + date);
        }
    }

    // --- logs -----------------------------------------------------------------------------------------

    @Test
    void oneAccessLinePerRequestWithARequestId() {
        // Attach after startup: the context applies its logging configuration when it starts.
        service = ServiceUnderTest.startTrusting(idp);
        ListAppender<ILoggingEvent> access = capture("access", Level.INFO);
        try {
            HttpResponse<String> given = service.get("/api/private", "X-Request-Id", "trace-42.a_b:c");
            HttpResponse<String> junk = service.get("/api/public", "X-Request-Id", "bad id\" injected");
            service.get("/nope");

            assertEquals(
                    "trace-42.a_b:c", given.headers().firstValue("X-Request-Id").orElse(""));
            String generated = junk.headers().firstValue("X-Request-Id").orElse("");
            assertTrue(generated.matches("[0-9a-f]{32}"), generated);

            List<Map<String, Object>> lines =
                    snapshot(access).stream().map(OperationsTest::accessLine).toList();
            assertEquals(3, lines.size(), lines.toString());
            assertEquals(
                    Map.of(
                            "level",
                            "INFO",
                            "loggerName",
                            "access",
                            "request_id",
                            "trace-42.a_b:c",
                            "method",
                            "GET",
                            "route",
                            "/api/private",
                            "status",
                            401L,
                            "auth",
                            "missing",
                            "auth_reason",
                            "none"),
                    without(lines.get(0), "duration_ms", "timestamp"));
            long now = System.currentTimeMillis();
            assertTrue(
                    Math.abs(now - (Long) lines.get(0).get("timestamp")) < 60_000,
                    lines.get(0).toString());
            assertEquals(generated, lines.get(1).get("request_id"));
            assertEquals("not_required", lines.get(1).get("auth"));
            assertEquals("unmatched", lines.get(2).get("route"));
            assertEquals(404L, lines.get(2).get("status"));
            assertTrue(((Number) lines.get(0).get("duration_ms")).doubleValue() >= 0);
        } finally {
            release("access", access);
        }
    }

    @Test
    void noTokenSignatureOrAuthorizationHeaderInAnyLogAtAnyLevel() {
        service = ServiceUnderTest.startTrusting(idp);
        ListAppender<ILoggingEvent> everything = capture(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.TRACE);
        try {
            String valid = idp.valid("read:messages");
            String expired = idp.token().claim("exp", 1000).sign();
            String forged = idp.token().signedWith(TestKeys.rsa("ops")).sign();
            for (String token : List.of(valid, expired, forged)) {
                service.getWithToken("/api/private-scoped", token);
                RawHttp.get(
                        service.port(),
                        "/api/private",
                        "Authorization: Bearer " + token,
                        "Authorization: Bearer " + token);
            }
            List<ILoggingEvent> events = snapshot(everything);
            String logs = events.stream().map(OperationsTest::render).collect(Collectors.joining("\n"));
            assertTrue(logs.length() > 1000, "TRACE logging should have produced plenty: " + logs.length());
            for (String token : List.of(valid, expired, forged)) {
                String signature = token.substring(token.lastIndexOf('.') + 1);
                assertFalse(
                        logs.contains(token),
                        "a token was logged by "
                                + events.stream()
                                        .filter(e -> render(e).contains(token))
                                        .map(e -> e.getLoggerName() + ": " + e.getMessage())
                                        .distinct()
                                        .toList());
                assertFalse(logs.contains(signature), "a signature was logged");
                assertFalse(logs.contains("Bearer " + token.substring(0, 12)), "an Authorization header was logged");
            }
        } finally {
            release(org.slf4j.Logger.ROOT_LOGGER_NAME, everything);
        }
    }

    @Test
    void nothingAnUnauthenticatedClientSendsWritesAnErrorLineOrAStackTrace() {
        service = ServiceUnderTest.startTrusting(idp);
        ListAppender<ILoggingEvent> everything = capture(org.slf4j.Logger.ROOT_LOGGER_NAME, Level.TRACE);
        try {
            String payload = b64("{\"iss\":\"" + idp.issuer() + "\",\"sub\":\"x\"}");
            String header = b64("{\"alg\":\"RS256\",\"kid\":\"ops\"}");
            String deep = "[".repeat(5000) + "]".repeat(5000);
            List<String> tokens = List.of(
                    b64("null") + "." + payload + ".c2ln",
                    header + "." + b64("null") + ".c2ln",
                    b64("[]") + "." + payload + ".c2ln",
                    b64("\"text\"") + "." + payload + ".c2ln",
                    b64("{\"alg\":null}") + "." + payload + ".c2ln",
                    b64("{\"alg\":\"RS256\",\"alg\":\"none\"}") + "." + payload + ".c2ln",
                    b64("{\"alg\":\"RS256\",\"jwk\":null,\"crit\":[null]}") + "." + payload + ".c2ln",
                    header + "." + b64(deep) + ".c2ln",
                    header + "." + b64("{\"iss\":{\"a\":[1,{}]},\"exp\":\"soon\",\"aud\":[null]}") + ".c2ln",
                    header + ".%%%." + "c2ln",
                    header + "." + "_-_-" + ".",
                    "a.b.c.d.e",
                    "..",
                    idp.valid("") + "x");
            for (String token : tokens) {
                service.getWithToken("/api/private", token);
                RawHttp.get(service.port(), "/api/private", "Authorization: DPoP " + token, "DPoP: " + token);
                RawHttp.get(
                        service.port(),
                        "/api/private",
                        "Authorization: DPoP " + idp.valid(""),
                        "DPoP: " + token.replace(payload, b64("{\"htm\":null,\"htu\":[],\"iat\":\"x\"}")));
            }
            for (String junk : List.of("Bearer", "Bearer  ", "DPoP", "bearer \u00e9\u00e9", "Basic ===")) {
                RawHttp.get(service.port(), "/api/private", "Authorization: " + junk);
            }
            List<ILoggingEvent> events = snapshot(everything);
            assertTrue(events.size() > 10, "TRACE logging should have produced events");
            List<String> errors = events.stream()
                    .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)
                            || (e.getThrowableProxy() != null && e.getLevel().isGreaterOrEqual(Level.INFO)))
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + render(e))
                    .toList();
            assertEquals(List.of(), errors, "no ERROR line and no stack trace at the shipped log level");
            List<String> ours = events.stream()
                    .filter(e ->
                            e.getThrowableProxy() != null && e.getLoggerName().startsWith("com.example"))
                    .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + render(e))
                    .toList();
            assertEquals(List.of(), ours, "our code logs no stack trace for client input at any level");
        } finally {
            release(org.slf4j.Logger.ROOT_LOGGER_NAME, everything);
        }
    }

    private static String b64(String json) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void keyFetchFailuresAreLoggedPerOutageNotPerRequest() {
        idp.mode(JwksServer.Mode.FAIL_500);
        service = ServiceUnderTest.startTrusting(idp); // 30 s between refetches
        // The startup warm-up's failing fetch announces the outage (one WARN line, usually before this
        // capture: starting the service reconfigures logging; the fetch may still be on its way back).
        Poll.until(idp::jwksFetches, n -> n >= 1, Duration.ofSeconds(10));
        ListAppender<ILoggingEvent> keys = capture("com.example.resourceserver.auth.keys", Level.DEBUG);
        try {
            for (int i = 0; i < 20; i++) {
                assertEquals(
                        503, service.getWithToken("/api/private", idp.valid("")).statusCode());
            }
            List<ILoggingEvent> events = snapshot(keys);
            long announced = events.stream()
                    .filter(e -> e.getLevel() == Level.WARN
                            && e.getFormattedMessage().startsWith("Keys of issuer 'default' unavailable"))
                    .count();
            long retries = events.stream()
                    .filter(e -> e.getLevel() == Level.DEBUG
                            && e.getFormattedMessage().startsWith("Keys of issuer 'default' still unavailable"))
                    .count();
            assertTrue(announced <= 1, announced + " WARN lines: an outage is announced once, not per request");
            assertTrue(retries >= 1, "the retries during the outage are logged, at DEBUG");
        } finally {
            release("com.example.resourceserver.auth.keys", keys);
        }
    }

    // --- API description ------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void theOpenApiDocumentDescribesTheRoutesAndTheirSecurity() {
        service = ServiceUnderTest.startTrusting(idp);
        HttpResponse<String> response = service.get("/openapi/messages-api.yml");
        assertEquals(200, response.statusCode());
        Map<String, Object> document = new Yaml().load(response.body());

        assertTrue(String.valueOf(document.get("openapi")).startsWith("3.1"));
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        assertEquals(
                java.util.Set.of(
                        "/api/public", "/api/private", "/api/private-scoped", "/.well-known/oauth-protected-resource"),
                paths.keySet());
        Map<String, Object> publicGet = get(paths, "/api/public");
        Map<String, Object> privateGet = get(paths, "/api/private");
        Map<String, Object> scopedGet = get(paths, "/api/private-scoped");
        assertEquals(null, publicGet.get("security"));
        // Alternatives: a bearer token, or a DPoP-bound one with its proof.
        assertEquals(List.of(Map.of("bearer", List.of()), Map.of("dpop", List.of())), privateGet.get("security"));
        assertEquals(
                List.of(Map.of("bearer", List.of("read:messages")), Map.of("dpop", List.of("read:messages"))),
                scopedGet.get("security"));
        for (Map<String, Object> operation : List.of(privateGet, scopedGet)) {
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            assertTrue(
                    responses.keySet().containsAll(List.of("200", "400", "401", "503")),
                    responses.keySet().toString());
            assertTrue(((Map<String, Object>) ((Map<String, Object>) responses.get("401")).get("headers"))
                    .containsKey("WWW-Authenticate"));
            assertTrue(((Map<String, Object>) ((Map<String, Object>) responses.get("503")).get("headers"))
                    .containsKey("Retry-After"));
        }
        Map<String, Object> scopedResponses = (Map<String, Object>) scopedGet.get("responses");
        assertTrue(scopedResponses.containsKey("403"));
        Map<String, Object> schemes =
                (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("securitySchemes");
        assertEquals(
                Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"),
                without((Map<String, Object>) schemes.get("bearer"), "description", "in"));
        assertEquals(
                Map.of("type", "http", "scheme", "DPoP"),
                without((Map<String, Object>) schemes.get("dpop"), "description", "in"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> get(Map<String, Object> paths, String path) {
        return (Map<String, Object>) ((Map<String, Object>) paths.get(path)).get("get");
    }

    // --- helpers --------------------------------------------------------------------------------------

    static ListAppender<ILoggingEvent> capture(String loggerName, Level level) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(level);
        return appender;
    }

    /** Appenders append under their own lock; copy under it too, while background threads still log. */
    static List<ILoggingEvent> snapshot(ListAppender<ILoggingEvent> appender) {
        synchronized (appender) {
            return new java.util.ArrayList<>(appender.list);
        }
    }

    static void release(String loggerName, ListAppender<ILoggingEvent> appender) {
        Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
        logger.detachAppender(appender);
        logger.setLevel(loggerName.equals(org.slf4j.Logger.ROOT_LOGGER_NAME) ? Level.WARN : null);
    }

    /** An access log line: one JSON object, parsed (whole numbers as Long, others as Double). */
    static Map<String, Object> accessLine(ILoggingEvent event) {
        try {
            return com.nimbusds.jose.util.JSONObjectUtils.parse(event.getFormattedMessage());
        } catch (java.text.ParseException e) {
            throw new AssertionError("not a JSON access line: " + event.getFormattedMessage(), e);
        }
    }

    static Map<String, Object> keyValues(ILoggingEvent event) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        if (event.getKeyValuePairs() != null) {
            event.getKeyValuePairs().forEach(kv -> map.put(kv.key, kv.value));
        }
        return map;
    }

    static Map<String, Object> without(Map<String, Object> map, String... keys) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(map);
        for (String key : keys) {
            copy.remove(key);
        }
        return copy;
    }

    /** Everything an appender could write: message, key-values, MDC and exception text. */
    static String render(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(event.getFormattedMessage())
                .append(' ')
                .append(keyValues(event))
                .append(' ')
                .append(event.getMDCPropertyMap());
        for (var t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        return text.toString();
    }
}
