package com.example.resourceserver.web.logging;

import static com.example.resourceserver.web.logging.AuthenticationOutcome.INSUFFICIENT_SCOPE;
import static com.example.resourceserver.web.logging.AuthenticationOutcome.INVALID_DPOP_PROOF;
import static com.example.resourceserver.web.logging.AuthenticationOutcome.INVALID_REQUEST;
import static com.example.resourceserver.web.logging.AuthenticationOutcome.INVALID_TOKEN;
import static com.example.resourceserver.web.logging.AuthenticationOutcome.KEYS_UNAVAILABLE;
import static com.example.resourceserver.web.logging.AuthenticationOutcome.MISSING;
import static com.example.resourceserver.web.logging.AuthenticationOutcome.NOT_REQUIRED;
import static com.example.resourceserver.web.logging.AuthenticationOutcome.OK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.RequiredCredentials;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuthenticationOutcomeTest {

    static final AuthenticationFailure EXPIRED = AuthenticationFailure.of(Reason.EXPIRED);

    @Test
    void withoutRecordedCredentialsNothingCountsWhateverElseWasRecorded() {
        // A token sent to a route that requires none (/health) may still have been read and rejected.
        for (AuthenticationFailure failure : new AuthenticationFailure[] {null, EXPIRED}) {
            for (boolean scopeRefused : new boolean[] {false, true}) {
                AuthenticationOutcome outcome = AuthenticationOutcome.of(null, failure, scopeRefused);
                assertEquals(NOT_REQUIRED, outcome);
                assertEquals("none", outcome.reason(failure));
            }
        }
    }

    @Test
    void noCredentialsOnAProtectedRouteIsMissing() {
        assertEquals(MISSING, AuthenticationOutcome.of(RequiredCredentials.MISSING, null, false));
        assertEquals("none", MISSING.reason(null));
    }

    @Test
    void presentedCredentialsWithoutFailureAreOkUnlessTheScopeWasRefused() {
        assertEquals(OK, AuthenticationOutcome.of(RequiredCredentials.PRESENTED, null, false));
        assertEquals("none", OK.reason(null));
        assertEquals(INSUFFICIENT_SCOPE, AuthenticationOutcome.of(RequiredCredentials.PRESENTED, null, true));
        assertEquals("missing_scope", INSUFFICIENT_SCOPE.reason(null));
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void aRecordedFailureGivesItsKindAndReasonAndWinsOverAnythingElse(Reason reason) {
        AuthenticationFailure failure = reason == Reason.KEYS_UNAVAILABLE
                ? AuthenticationFailure.keysUnavailable(Duration.ofSeconds(5))
                : AuthenticationFailure.of(reason);
        AuthenticationOutcome expected = switch (failure.kind()) {
            case INVALID_REQUEST -> INVALID_REQUEST;
            case INVALID_TOKEN -> INVALID_TOKEN;
            case INVALID_DPOP_PROOF -> INVALID_DPOP_PROOF;
            case KEYS_UNAVAILABLE -> KEYS_UNAVAILABLE;
        };
        for (RequiredCredentials credentials : RequiredCredentials.values()) {
            for (boolean scopeRefused : new boolean[] {false, true}) {
                AuthenticationOutcome outcome = AuthenticationOutcome.of(credentials, failure, scopeRefused);
                assertEquals(expected, outcome);
                assertEquals(reason.name().toLowerCase(), outcome.reason(failure));
            }
        }
    }

    @Test
    void labelsAreTheDocumentedOnes() {
        // docs/operations.md lists these; dashboards and alerts depend on them.
        assertEquals(
                Set.of(
                        "not_required",
                        "ok",
                        "missing",
                        "invalid_request",
                        "invalid_token",
                        "invalid_dpop_proof",
                        "insufficient_scope",
                        "keys_unavailable"),
                Arrays.stream(AuthenticationOutcome.values()).map(o -> o.label).collect(Collectors.toSet()));
        assertEquals(
                "multiple_authorization_headers",
                INVALID_REQUEST.reason(AuthenticationFailure.of(Reason.MULTIPLE_AUTHORIZATION_HEADERS)));
        for (Reason reason : Reason.values()) {
            assertTrue(reason.name().toLowerCase().matches("[a-z_]+"), reason.name());
        }
    }
}
