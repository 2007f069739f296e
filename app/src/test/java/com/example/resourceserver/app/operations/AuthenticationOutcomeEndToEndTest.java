package com.example.resourceserver.app.operations;

import static com.example.resourceserver.app.operations.OperationsTest.assertDelta;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.example.resourceserver.app.support.RawHttp;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.example.resourceserver.auth.testing.TestKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The authentication outcome of the access log and of {@code authentication_outcomes_total} is what the
 * deciding components recorded, never a guess from the status: a 403 that is not a scope refusal is
 * no {@code insufficient_scope}, and a token sent where no authentication is required counts nowhere.
 */
class AuthenticationOutcomeEndToEndTest {

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("outcomes");

    ServiceUnderTest service; // started by each test, stopped by idp

    @Test
    void aRefusedCrossOriginRequestToAProtectedRouteIsNoAuthenticationOutcome() {
        service = ServiceUnderTest.startTrusting(idp);
        String before = service.get("/prometheus").body();
        ListAppender<ILoggingEvent> access = OperationsTest.capture("access", Level.INFO);
        try {
            // A foreign origin calling a service addressed as 127.0.0.1: Micronaut's CORS filter refuses it
            // (drive-by-localhost) with 403 before any credentials are read.
            RawHttp.Response withoutToken =
                    RawHttp.get(service.port(), "/api/private-scoped", "Origin: https://app.example.org");
            RawHttp.Response withToken = RawHttp.get(
                    service.port(),
                    "/api/private-scoped",
                    "Origin: https://app.example.org",
                    "Authorization: Bearer " + idp.valid(""));

            for (RawHttp.Response refused : List.of(withoutToken, withToken)) {
                assertEquals(403, refused.status());
                assertEquals(
                        "{\"error\":\"forbidden\",\"error_description\":\"This request is not allowed\"}",
                        refused.body());
            }
            List<Map<String, Object>> lines = lines(access);
            assertEquals(2, lines.size(), lines.toString());
            for (Map<String, Object> line : lines) {
                assertEquals("/api/private-scoped", line.get("route"));
                assertEquals(403L, line.get("status"));
                assertEquals("not_required", line.get("auth"), line.toString());
                assertEquals("none", line.get("auth_reason"), line.toString());
            }
        } finally {
            OperationsTest.release("access", access);
        }
        String after = service.get("/prometheus").body();
        assertDelta(0, before, after, "authentication_outcomes_total", Map.of("outcome", "insufficient_scope"));
        assertDelta(0, before, after, "authentication_outcomes_total", Map.of("outcome", "missing"));
        assertDelta(0, before, after, "authentication_outcomes_total", Map.of("outcome", "ok"));
    }

    @Test
    void aScopeRefusalIsInsufficientScopeForGetAndHead() {
        service = ServiceUnderTest.startTrusting(idp);
        String token = idp.valid("");
        String before = service.get("/prometheus").body();
        ListAppender<ILoggingEvent> access = OperationsTest.capture("access", Level.INFO);
        try {
            assertEquals(
                    403,
                    RawHttp.get(service.port(), "/api/private-scoped", "Authorization: Bearer " + token)
                            .status());
            assertEquals(
                    403,
                    RawHttp.send(service.port(), "HEAD", "/api/private-scoped", "Authorization: Bearer " + token)
                            .status());
            assertEquals(
                    200,
                    RawHttp.get(service.port(), "/api/private", "Authorization: Bearer " + token)
                            .status());

            List<Map<String, Object>> lines = lines(access);
            assertEquals(3, lines.size(), lines.toString());
            assertEquals(
                    List.of("insufficient_scope", "insufficient_scope", "ok"),
                    lines.stream().map(line -> line.get("auth")).toList());
            assertEquals(
                    List.of("missing_scope", "missing_scope", "none"),
                    lines.stream().map(line -> line.get("auth_reason")).toList());
        } finally {
            OperationsTest.release("access", access);
        }
        String after = service.get("/prometheus").body();
        assertDelta(
                2,
                before,
                after,
                "authentication_outcomes_total",
                Map.of("outcome", "insufficient_scope", "reason", "missing_scope"));
        assertDelta(1, before, after, "authentication_outcomes_total", Map.of("outcome", "ok", "reason", "none"));
    }

    @Test
    void aTokenSentToAManagementEndpointIsReadForHealthDetailsButNotCounted() {
        service = ServiceUnderTest.trusting(idp)
                .with("endpoints.health.details-visible", "AUTHENTICATED")
                .start();
        String token = idp.valid("");
        service.getWithToken("/api/private", token); // keys loaded, so readiness is UP either way
        String before = service.get("/prometheus").body();
        ListAppender<ILoggingEvent> access = OperationsTest.capture("access", Level.INFO);
        try {
            String anonymous = service.get("/health/readiness").body();
            String authenticated =
                    service.getWithToken("/health/readiness", token).body();
            String forged = RawHttp.get(
                            service.port(),
                            "/health/readiness",
                            "Authorization: Bearer "
                                    + idp.token()
                                            .signedWith(TestKeys.rsa("outcomes"))
                                            .sign())
                    .body();

            assertFalse(anonymous.contains("issuers"), anonymous);
            assertTrue(authenticated.contains("\"issuers\""), "the token was read and verified: " + authenticated);
            assertFalse(forged.contains("issuers"), forged);
            assertEquals(
                    List.of("not_required", "not_required", "not_required"),
                    lines(access).stream().map(line -> line.get("auth")).toList());
        } finally {
            OperationsTest.release("access", access);
        }
        String after = service.get("/prometheus").body();
        for (String outcome : List.of("ok", "missing", "invalid_token")) {
            assertDelta(0, before, after, "authentication_outcomes_total", Map.of("outcome", outcome));
        }
    }

    static List<Map<String, Object>> lines(ListAppender<ILoggingEvent> access) {
        return OperationsTest.snapshot(access).stream()
                .map(OperationsTest::accessLine)
                .toList();
    }
}
