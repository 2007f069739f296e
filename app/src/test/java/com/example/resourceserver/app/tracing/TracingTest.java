package com.example.resourceserver.app.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.Application;
import com.example.resourceserver.app.support.ChildJvm;
import com.example.resourceserver.app.support.RawHttp;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.app.tracing.OtlpReceiver.Received;
import com.example.resourceserver.auth.testing.IntrospectionServer;
import com.example.resourceserver.auth.testing.IntrospectionServer.Reply;
import com.example.resourceserver.auth.testing.Poll;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.example.resourceserver.web.logging.ServerSpanAttributes;
import com.nimbusds.jose.jwk.RSAKey;
import io.micronaut.tracing.opentelemetry.instrument.http.server.OpenTelemetryServerFilter;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status.StatusCode;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Traces end to end: the real service in its own JVM, switched on by the standard {@code OTEL_*} variables
 * as an operator sets them, exporting over OTLP/HTTP to a real receiver on 127.0.0.1 ({@link OtlpReceiver}),
 * which decodes the protobuf and lets these tests read span names, parent links and attributes.
 */
class TracingTest {

    static final String MAIN = Application.class.getName();
    static final Duration BOUND = Duration.ofSeconds(60);

    /** A caller's trace: the service's server span must continue it (W3C Trace Context). */
    static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    static final String CALLER_SPAN = "00f067aa0ba902b7";

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("tracing-key-1");

    final OtlpReceiver receiver = OtlpReceiver.start();
    final IntrospectionServer introspection = IntrospectionServer.start();
    ChildJvm service;
    int port;

    @AfterEach
    void stop() throws Exception {
        if (service != null) {
            service.close();
        }
        receiver.close();
        introspection.close();
    }

    /** The service with these variables besides the issuer's, up once /api/public answers. */
    void start(Map<String, String> variables) throws Exception {
        port = freePort();
        Map<String, String> env = new HashMap<>(Map.of(
                "AUTH_ISSUER", idp.issuer(),
                "AUTH_AUDIENCE", idp.audience(),
                "AUTH_JWKS_URI", idp.jwksUri().toString(),
                "MICRONAUT_SERVER_HOST", "127.0.0.1",
                "MICRONAUT_SERVER_PORT", String.valueOf(port)));
        env.putAll(variables);
        service = ChildJvm.start(MAIN, env);
        Poll.until(
                "the service answers: " + service.output(),
                () -> {
                    try {
                        return RawHttp.get(port, "/api/public").status() == 200;
                    } catch (RuntimeException notYet) {
                        return false;
                    }
                },
                BOUND);
    }

    Map<String, String> tracingTo(OtlpReceiver to) {
        return Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", to.endpoint(),
                "OTEL_SERVICE_NAME", "resource-server-under-test",
                "OTEL_BSP_SCHEDULE_DELAY", "50");
    }

    /** The first access log line (raw JSON) containing this text. */
    String accessLine(String text) {
        return Poll.until(
                        () -> service.rawLines().stream()
                                .filter(l -> l.contains("\"loggerName\":\"access\"") && l.contains(text))
                                .findFirst(),
                        Optional::isPresent,
                        BOUND)
                .orElseThrow(() -> new AssertionError("no access line with " + text + ": " + service.rawLines()));
    }

    Received await(String what, Predicate<Received> test) {
        return Poll.until(() -> receiver.spans().stream().filter(test).findFirst(), Optional::isPresent, BOUND)
                .orElseThrow(() -> new AssertionError(
                        "no span " + what + " in " + receiver.spans() + "; the service said: " + service.output()));
    }

    @Test
    void serverSpansContinueTheCallersTraceAreNamedByRouteAndSayHowAuthenticationWent() throws Exception {
        start(tracingTo(receiver));
        String token = idp.valid("read:messages");

        RawHttp.Response ok =
                RawHttp.get(port, "/api/private", "Authorization: Bearer " + token, traceparent(TRACE_ID, CALLER_SPAN));
        assertEquals(200, ok.status(), ok.toString());
        Received server = await("GET /api/private", s -> s.traceId().equals(TRACE_ID));
        assertEquals("GET /api/private", server.name(), "{method} {route}, HTTP semantic conventions");
        assertEquals(SpanKind.SPAN_KIND_SERVER, server.kind());
        assertEquals(CALLER_SPAN, server.parentSpanId(), "a child of the caller's span");
        assertEquals("/api/private", server.attribute("http.route"));
        assertEquals("GET", server.attribute("http.request.method"));
        assertEquals("200", server.attribute("http.response.status_code"));
        assertEquals("ok", server.attribute("auth.outcome"));
        assertEquals("none", server.attribute("auth.reason"));
        assertEquals("resource-server-under-test", server.resource().get("service.name"));
        assertTrue(
                accessLine("\"trace_id\":\"" + TRACE_ID + "\"").contains("\"route\":\"/api/private\""),
                "the access log line carries the trace id");

        // A refusal: the reason is on the span; a 4xx leaves the server span's status unset (semantic conventions).
        RawHttp.Response missing = RawHttp.get(port, "/api/private-scoped");
        assertEquals(401, missing.status());
        Received refused = await("GET /api/private-scoped", s -> s.name().equals("GET /api/private-scoped"));
        assertEquals("missing", refused.attribute("auth.outcome"));
        assertEquals("401", refused.attribute("http.response.status_code"));
        assertEquals(StatusCode.STATUS_CODE_UNSET, refused.status(), "a 401 is no server error");
        assertNotEquals(TRACE_ID, refused.traceId(), "no traceparent: a new trace");
        assertEquals("", refused.parentSpanId(), "a root span");

        // A token in the query (which the service does not accept) and a bad one in the header: neither
        // reaches a span.
        String leaked = idp.valid("read:messages");
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "AAAA";
        assertEquals(
                401, RawHttp.get(port, "/api/private?access_token=" + leaked).status());
        await(
                "with the query",
                s -> "GET /api/private".equals(s.name()) && "missing".equals(s.attribute("auth.outcome")));
        RawHttp.Response bad = RawHttp.get(port, "/api/private", "Authorization: Bearer " + forged);
        assertEquals(401, bad.status());
        Received badSpan = await("with invalid_token", s -> "invalid_token".equals(s.attribute("auth.outcome")));
        assertEquals("bad_signature", badSpan.attribute("auth.reason"));
        for (Received span : receiver.spans()) {
            assertFalse(span.attributes().containsKey("url.query"), span.toString());
            for (String value : span.attributes().values()) {
                assertFalse(value.contains(leaked) || value.contains(forged) || value.contains(token), span.toString());
            }
        }
    }

    @Test
    void keyFetchesAndIntrospectionCallsAreClientSpansOfTheRequestThatNeededThem() throws Exception {
        introspection.answer(token -> Reply.json("{\"active\":true,\"sub\":\"alice\",\"iss\":\"" + idp.issuer()
                + "\",\"aud\":\"" + idp.audience() + "\",\"scope\":\"read:messages\",\"exp\":"
                + (Instant.now().getEpochSecond() + 300) + "}"));
        Map<String, String> env = new HashMap<>(tracingTo(receiver));
        env.put("AUTH_INTROSPECTION_URI", introspection.endpoint().toString());
        env.put("AUTH_INTROSPECTION_CLIENT_ID", "resource-server");
        env.put("AUTH_INTROSPECTION_CLIENT_SECRET", "secret");
        env.put("AUTH_JWKS_MIN_REFRESH_INTERVAL", "1s"); // refetches on unknown kids, one after the other
        start(env);

        // The keys loaded at startup: a client span of no request.
        Received startup = await("keys.fetch at startup", s -> s.name().equals("keys.fetch"));
        assertEquals(SpanKind.SPAN_KIND_CLIENT, startup.kind());
        assertEquals("default", startup.attribute("issuer"));
        assertEquals("success", startup.attribute("result"));

        // A token signed with a key the service has not seen: it fetches the key set again, for this request.
        RSAKey rotated = idp.addKey("tracing-key-2");
        String token = idp.mint(rotated).valid("read:messages");
        String trace = "0af7651916cd43dd8448eb211c80319c";
        RawHttp.Response ok =
                RawHttp.get(port, "/api/private", "Authorization: Bearer " + token, traceparent(trace, CALLER_SPAN));
        assertEquals(200, ok.status(), ok.toString());
        Received server = await(
                "server span of the rotated key",
                s -> s.traceId().equals(trace) && s.kind() == SpanKind.SPAN_KIND_SERVER);
        Received fetch = await(
                "keys.fetch of that request",
                s -> s.traceId().equals(trace) && s.name().equals("keys.fetch"));
        assertEquals(server.spanId(), fetch.parentSpanId(), "the fetch is a child of the request's span");
        assertEquals(SpanKind.SPAN_KIND_CLIENT, fetch.kind());
        assertEquals("success", fetch.attribute("result"));

        // An opaque token: one introspection call, a client span of that request.
        String opaque = "opaque-token-for-tracing";
        String introspected = "5f7651916cd43dd8448eb211c80319c0";
        RawHttp.Response viaIntrospection = RawHttp.get(
                port, "/api/private", "Authorization: Bearer " + opaque, traceparent(introspected, CALLER_SPAN));
        assertEquals(200, viaIntrospection.status(), viaIntrospection.toString());
        Received outer = await(
                "server span of the opaque token",
                s -> s.traceId().equals(introspected) && s.kind() == SpanKind.SPAN_KIND_SERVER);
        Received call = await(
                "token.introspection",
                s -> s.traceId().equals(introspected) && s.name().equals("token.introspection"));
        assertEquals(outer.spanId(), call.parentSpanId());
        assertEquals(SpanKind.SPAN_KIND_CLIENT, call.kind());
        assertEquals("active", call.attribute("outcome"));
        assertEquals("default", call.attribute("issuer"));
        assertTrue(receiver.spans().stream()
                .flatMap(s -> s.attributes().values().stream())
                .noneMatch(v -> v.contains(opaque) || v.contains(token)));

        // A failed fetch: the key set is gone, a new kid forces a fetch, which fails: status ERROR.
        idp.jwks().mode(com.example.resourceserver.auth.testing.JwksServer.Mode.FAIL_500);
        RSAKey unknown = idp.addKey("tracing-key-3");
        String failing = "1af7651916cd43dd8448eb211c80319c";
        RawHttp.get(
                port,
                "/api/private",
                "Authorization: Bearer " + idp.mint(unknown).valid("read:messages"),
                traceparent(failing, CALLER_SPAN));
        Received failed = await(
                "a failed keys.fetch",
                s -> s.traceId().equals(failing) && s.name().equals("keys.fetch"));
        assertEquals("failure", failed.attribute("result"));
        assertEquals("failure", failed.attribute("error.type"));
        assertEquals(StatusCode.STATUS_CODE_ERROR, failed.status());
    }

    @Test
    void offByDefaultNothingIsTracedAndTheAccessLineHasNoTraceId() throws Exception {
        // An exporter endpoint, but the SDK disabled: off, like no variable at all.
        Map<String, String> env = new HashMap<>(tracingTo(receiver));
        env.put("OTEL_SDK_DISABLED", "true");
        start(env);
        RawHttp.Response ok = RawHttp.get(
                port,
                "/api/private",
                "Authorization: Bearer " + idp.valid("read:messages"),
                traceparent(TRACE_ID, CALLER_SPAN));
        assertEquals(200, ok.status());
        String line = accessLine("\"route\":\"/api/private\"");
        assertFalse(line.contains("trace_id"), line);
        service.close();
        assertEquals(0, receiver.requests(), "nothing was exported: " + receiver.spans());
    }

    @Test
    void offNoTracingBeanFilterOrSpanExistsInTheService() {
        ServiceUnderTest off = ServiceUnderTest.startTrusting(idp);
        assertFalse(off.context().containsBean(OpenTelemetry.class), "no OpenTelemetry SDK");
        assertFalse(
                off.context().containsBean(OpenTelemetryServerFilter.class), "no tracing filter on the request path");
        assertFalse(off.context().containsBean(ServerSpanAttributes.class));
        assertFalse(off.context().containsBean(FetchSpans.class), "no client spans");
        assertFalse(off.context().containsBean(TracedExecutors.class), "executors as they are");
        assertEquals(
                200,
                off.getWithToken("/api/private", idp.valid("read:messages")).statusCode());
    }

    @Test
    void anUnrecognisedSdkDisabledValueIsReadAsFalseWithAWarningAsTheSpecificationSays() throws Exception {
        Map<String, String> env = new HashMap<>(tracingTo(receiver));
        env.put("OTEL_SDK_DISABLED", "yes");
        start(env);
        assertTrue(service.output().contains("OTEL_SDK_DISABLED is neither true nor false (yes): read as false"));
        RawHttp.get(port, "/api/private");
        await("of the request", s -> s.name().equals("GET /api/private"));
    }

    @Test
    void aBadValueStopsStartupWithOneSentenceNamingTheVariable() throws Exception {
        assertStopsWith(
                Map.of("OTEL_TRACES_SAMPLER", "sometimes"),
                "Startup stopped: OTEL_TRACES_SAMPLER cannot be used for tracing: ");
        assertStopsWith(
                Map.of("OTEL_TRACES_SAMPLER", "traceidratio", "OTEL_TRACES_SAMPLER_ARG", "half"),
                "Startup stopped: OTEL_TRACES_SAMPLER_ARG cannot be used for tracing: ");
        assertStopsWith(
                Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318"),
                "Startup stopped: OTEL_EXPORTER_OTLP_ENDPOINT cannot be used for tracing: ");
        assertStopsWith(
                Map.of("OTEL_TRACES_EXPORTER", "carrier-pigeon"),
                "Startup stopped: OTEL_TRACES_EXPORTER cannot be used for tracing: ");
    }

    void assertStopsWith(Map<String, String> variables, String sentence) throws Exception {
        Map<String, String> env = new HashMap<>(tracingTo(receiver));
        env.putAll(variables);
        env.put("AUTH_ISSUER", idp.issuer());
        env.put("AUTH_AUDIENCE", idp.audience());
        env.put("AUTH_JWKS_URI", idp.jwksUri().toString());
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(freePort()));
        try (ChildJvm jvm = ChildJvm.start(MAIN, env)) {
            assertEquals(2, jvm.awaitExit(60), "exit code 2, as for every configuration error: " + jvm.output());
            List<String> stopped = jvm.output()
                    .lines()
                    .filter(l -> l.contains("Startup stopped"))
                    .toList();
            assertEquals(1, stopped.size(), jvm.output());
            assertTrue(stopped.get(0).contains(sentence), stopped.get(0));
            assertFalse(jvm.output().contains("\tat "), "no stack trace: " + jvm.output());
        }
    }

    @Test
    void anUnreachableCollectorFailsNoRequest() throws Exception {
        int closed = freePort(); // nothing listens there
        Map<String, String> env = new HashMap<>(tracingTo(receiver));
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + closed);
        start(env);
        String token = idp.valid("read:messages");
        for (int i = 0; i < 200; i++) {
            assertEquals(
                    200,
                    RawHttp.get(port, "/api/private", "Authorization: Bearer " + token)
                            .status());
        }
        assertEquals(200, RawHttp.get(port, "/health/readiness").status());
    }

    static String traceparent(String traceId, String parentSpanId) {
        return "traceparent: 00-" + traceId + "-" + parentSpanId + "-01";
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
