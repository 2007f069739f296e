package com.example.resourceserver.web.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.domain.access.AcceptedSchemes;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.CredentialScheme;
import com.example.resourceserver.domain.caller.Scope;
import com.example.resourceserver.web.ResourceIdentifier;
import com.example.resourceserver.web.WebSettings;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ErrorResponsesTest {

    /** RFC 6750 §3: {@code Bearer} and comma-separated auth-params whose values are quoted, without " or \ inside. */
    static final Pattern CHALLENGE = Pattern.compile("Bearer [a-z_]+=\"[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*\""
            + "(, [a-z_]+=\"[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*\")*");

    /** RFC 9449 §7.1: the same shape with the {@code DPoP} scheme. */
    static final Pattern DPOP_CHALLENGE = Pattern.compile("DPoP [a-z_]+=\"[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*\""
            + "(, [a-z_]+=\"[\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]*\")*");

    static final String METADATA =
            ", resource_metadata=\"http://api.example:8080/.well-known/oauth-protected-resource\"";

    final ErrorResponses errors = responses(new WebSettings());
    final HttpRequest<?> request = HttpRequest.GET("/api/private").header("Host", "api.example:8080");

    static ErrorResponses responses(WebSettings settings) {
        return new ErrorResponses(settings, new ResourceIdentifier(settings), schemes(true, false));
    }

    static AcceptedSchemes schemes(boolean bearer, boolean dpop) {
        return ChallengesTest.schemes(bearer, dpop, List.of("ES256", "PS256", "RS256"));
    }

    static HttpRequest<?> dpopRequest() {
        HttpRequest<?> request = HttpRequest.GET("/api/private").header("Host", "api.example:8080");
        request.setAttribute(CredentialScheme.REQUEST_ATTRIBUTE, CredentialScheme.DPOP);
        return request;
    }

    @Test
    void noCredentialsIsABare401ChallengeWithTheRealm() {
        MutableHttpResponse<ErrorBody> response = errors.missingCredentials(request);
        assertEquals(401, response.code());
        assertEquals("Bearer realm=\"api\"" + METADATA, challenge(response));
        assertJson(response, "unauthorized", ErrorResponses.MISSING_CREDENTIALS_DESCRIPTION);
        assertFalse(scopeRefused(response));
    }

    @Test
    void aConfiguredRealmCannotBreakTheChallenge() {
        WebSettings settings = new WebSettings();
        settings.setBearerRealm("my \"realm\" \\ é\r\nX-Injected: 1");
        String challenge = challenge(responses(settings).missingCredentials(request));
        assertEquals("Bearer realm=\"my ?realm? ? ???X-Injected: 1\"" + METADATA, challenge);
        assertTrue(CHALLENGE.matcher(challenge).matches(), challenge);
    }

    @ParameterizedTest
    @EnumSource(
            value = Reason.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"KEYS_UNAVAILABLE", "INTROSPECTION_UNAVAILABLE", "DPOP_REPLAY_STORE_UNAVAILABLE"})
    void badCredentialsAre400Or401WithTheirErrorCodeAndFixedDescription(Reason reason) {
        AuthenticationFailure failure = AuthenticationFailure.of(reason);
        MutableHttpResponse<ErrorBody> response = errors.authenticationFailed(failure, request);
        boolean invalidRequest = failure.kind() == AuthenticationFailure.Kind.INVALID_REQUEST;
        String error = invalidRequest
                ? "invalid_request"
                : failure.kind() == AuthenticationFailure.Kind.INVALID_DPOP_PROOF
                        ? "invalid_dpop_proof"
                        : "invalid_token";

        assertEquals(invalidRequest ? 400 : 401, response.code());
        String challenge = challenge(response);
        assertEquals(
                "Bearer error=\"" + error + "\", error_description=\"" + reason.description() + "\""
                        + (invalidRequest ? "" : METADATA),
                challenge);
        assertTrue(CHALLENGE.matcher(challenge).matches(), challenge);
        assertJson(response, error, reason.description());
        assertFalse(response.getHeaders().contains(HttpHeaders.RETRY_AFTER));
        assertFalse(scopeRefused(response));
    }

    @ParameterizedTest
    @EnumSource(
            value = Reason.class,
            mode = EnumSource.Mode.EXCLUDE,
            names = {"KEYS_UNAVAILABLE", "INTROSPECTION_UNAVAILABLE", "DPOP_REPLAY_STORE_UNAVAILABLE"})
    void aDpopRequestIsAnsweredWithADpopChallengeNamingTheProofAlgorithms(Reason reason) {
        AuthenticationFailure failure = AuthenticationFailure.of(reason);
        MutableHttpResponse<ErrorBody> response = errors.authenticationFailed(failure, dpopRequest());
        String challenge = challenge(response);
        String expectedError = failure.kind() == AuthenticationFailure.Kind.INVALID_REQUEST
                ? "invalid_request"
                : failure.kind() == AuthenticationFailure.Kind.INVALID_DPOP_PROOF
                        ? "invalid_dpop_proof"
                        : "invalid_token";
        assertEquals(
                "DPoP error=\"" + expectedError + "\", algs=\"ES256 PS256 RS256\", error_description=\""
                        + reason.description() + "\"" + (response.code() == 401 ? METADATA : ""),
                challenge);
        assertTrue(DPOP_CHALLENGE.matcher(challenge).matches(), challenge);
        assertJson(response, expectedError, reason.description());
    }

    @Test
    void withoutCredentialsEveryAcceptedSchemeIsOfferedInItsOwnChallenge() {
        WebSettings settings = new WebSettings();
        ResourceIdentifier resource = new ResourceIdentifier(settings);
        List<String> both = new ErrorResponses(settings, resource, schemes(true, true))
                .missingCredentials(request)
                .getHeaders()
                .getAll(HttpHeaders.WWW_AUTHENTICATE);
        assertEquals(
                List.of("Bearer realm=\"api\"" + METADATA, "DPoP realm=\"api\", algs=\"ES256 PS256 RS256\"" + METADATA),
                both);
        MutableHttpResponse<ErrorBody> dpopOnlyResponse =
                new ErrorResponses(settings, resource, schemes(false, true)).missingCredentials(request);
        assertJson(dpopOnlyResponse, "unauthorized", ErrorResponses.DPOP_ONLY_MISSING_CREDENTIALS_DESCRIPTION);
        List<String> dpopOnly = dpopOnlyResponse.getHeaders().getAll(HttpHeaders.WWW_AUTHENTICATE);
        assertEquals(List.of("DPoP realm=\"api\", algs=\"ES256 PS256 RS256\"" + METADATA), dpopOnly);
        List<String> bearerOnly =
                errors.missingCredentials(request).getHeaders().getAll(HttpHeaders.WWW_AUTHENTICATE);
        assertEquals(List.of("Bearer realm=\"api\"" + METADATA), bearerOnly);
    }

    @Test
    void aDpopRequestWithoutTheScopeGetsADpopInsufficientScopeChallenge() {
        MutableHttpResponse<ErrorBody> response = errors.insufficientScope(Scope.of("read:messages"), dpopRequest());
        assertEquals(403, response.code());
        assertEquals(
                "DPoP error=\"insufficient_scope\", algs=\"ES256 PS256 RS256\", scope=\"read:messages\", "
                        + "error_description=\"The access token lacks the scope read:messages\"",
                challenge(response));
    }

    @Test
    void anUnavailableReplayStoreIs503WithRetryAfterAndNoChallenge() {
        MutableHttpResponse<ErrorBody> response = errors.authenticationFailed(
                AuthenticationFailure.replayStoreUnavailable(Duration.ofSeconds(1)), dpopRequest());
        assertEquals(503, response.code());
        assertEquals("1", response.getHeaders().get(HttpHeaders.RETRY_AFTER));
        assertFalse(response.getHeaders().contains(HttpHeaders.WWW_AUTHENTICATE));
        assertJson(response, "temporarily_unavailable", Reason.DPOP_REPLAY_STORE_UNAVAILABLE.description());
    }

    @ParameterizedTest
    @CsvSource({"0, 1", "999, 1", "1000, 1", "1500, 1", "30000, 30"})
    void unavailableKeysAre503WithRetryAfterInWholeSecondsAndNoChallenge(long retryAfterMillis, String header) {
        MutableHttpResponse<ErrorBody> response = errors.authenticationFailed(
                AuthenticationFailure.keysUnavailable(Duration.ofMillis(retryAfterMillis)), request);
        assertEquals(503, response.code());
        assertEquals(header, response.getHeaders().get(HttpHeaders.RETRY_AFTER));
        assertFalse(response.getHeaders().contains(HttpHeaders.WWW_AUTHENTICATE));
        assertJson(response, "temporarily_unavailable", Reason.KEYS_UNAVAILABLE.description());
        assertFalse(scopeRefused(response));
    }

    @Test
    void aMissingScopeIs403NamingTheScopeAndIsMarkedAsAScopeRefusal() {
        MutableHttpResponse<ErrorBody> response = errors.insufficientScope(Scope.of("read:messages"), request);
        assertEquals(403, response.code());
        String challenge = challenge(response);
        assertEquals(
                "Bearer error=\"insufficient_scope\", scope=\"read:messages\", "
                        + "error_description=\"The access token lacks the scope read:messages\"",
                challenge);
        assertTrue(CHALLENGE.matcher(challenge).matches(), challenge);
        assertJson(response, "insufficient_scope", "The access token lacks the scope read:messages");
        assertTrue(scopeRefused(response));
    }

    @Test
    void aRuleRefusalOfAnAuthenticatedCallerIs403WithoutScopeAndIsMarkedAsAScopeRefusal() {
        MutableHttpResponse<ErrorBody> response = errors.forbidden(request);
        assertEquals(403, response.code());
        assertEquals(
                "Bearer error=\"insufficient_scope\", error_description=\"" + ErrorResponses.FORBIDDEN_DESCRIPTION
                        + "\"",
                challenge(response));
        assertJson(response, "insufficient_scope", ErrorResponses.FORBIDDEN_DESCRIPTION);
        assertTrue(scopeRefused(response));
    }

    @Test
    void theResourceMetadataUrlIsTheConfiguredExternalUrlsWithItsPathAfterTheWellKnownPath() {
        WebSettings settings = new WebSettings();
        settings.setExternalUrl("https://gateway.example/orders/v1/");
        String challenge = challenge(responses(settings).missingCredentials(request));
        assertEquals(
                "Bearer realm=\"api\", resource_metadata=\"https://gateway.example/.well-known/"
                        + "oauth-protected-resource/orders/v1\"",
                challenge);
        assertTrue(CHALLENGE.matcher(challenge).matches(), challenge);
    }

    @Test
    void aHostThatIsNotAHostIsNeverEchoedIntoTheChallenge() {
        for (String host : new String[] {"evil\"x", "a b", "x\\y", "h/path", "user@h"}) {
            HttpRequest<?> forged = HttpRequest.GET("/api/private").header("Host", host);
            String challenge = challenge(errors.missingCredentials(forged));
            assertTrue(CHALLENGE.matcher(challenge).matches(), challenge);
            assertFalse(challenge.contains(host), challenge);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "400, invalid_request",
        "403, forbidden",
        "404, not_found",
        "405, method_not_allowed",
        "406, not_acceptable",
        "413, request_too_large",
        "415, unsupported_media_type",
        "431, request_too_large",
        "503, temporarily_unavailable",
        "500, server_error",
        "502, server_error",
        "418, invalid_request",
        "409, invalid_request"
    })
    void everyOtherStatusGetsAFixedBody(int status, String error) {
        ErrorBody body = errors.bodyFor(status);
        assertEquals(error, body.error());
        assertFalse(body.errorDescription().isBlank());
    }

    @Test
    void quotableKeepsPrintableAsciiAndReplacesEverythingElse() {
        assertEquals(
                "Plain text: (ok) 1-2_3 ~!#$%&'*+,./;<=>?@[]^`{|}",
                Challenges.quotable("Plain text: (ok) 1-2_3 ~!#$%&'*+,./;<=>?@[]^`{|}"));
        assertEquals("a?b?c", Challenges.quotable("a\"b\\c"));
        assertEquals("??????", Challenges.quotable("\r\n\t\u0000\u007F\u0080"));
        assertEquals("caf?", Challenges.quotable("café"));
        assertEquals("", Challenges.quotable(""));
    }

    static String challenge(MutableHttpResponse<?> response) {
        return response.getHeaders().get(HttpHeaders.WWW_AUTHENTICATE);
    }

    static boolean scopeRefused(MutableHttpResponse<?> response) {
        return response.getAttribute(ErrorResponses.INSUFFICIENT_SCOPE_ATTRIBUTE)
                .isPresent();
    }

    static void assertJson(MutableHttpResponse<ErrorBody> response, String error, String description) {
        assertEquals(MediaType.APPLICATION_JSON_TYPE, response.getContentType().orElse(null));
        assertEquals(new ErrorBody(error, description), response.body());
    }
}
