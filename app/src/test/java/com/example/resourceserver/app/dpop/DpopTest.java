package com.example.resourceserver.app.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.operations.Prometheus;
import com.example.resourceserver.app.support.ProviderDpopClient;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.pipeline.VerdictCache;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import io.micronaut.core.type.Argument;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.security.authentication.Authentication;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DPoP (RFC 9449) end to end, with the default setting ({@code AUTH_DPOP=allowed}): real HTTP, tokens signed by
 * a test issuer whose keys are served over HTTP, proofs made by Nimbus's OAuth SDK. Each check of §4.3 is
 * proven to fail when broken in DpopProofVerifierTest; here, that the service applies them to every request.
 */
class DpopTest {

    static final String PRIVATE = "/api/private";
    static final String SCOPED = "/api/private-scoped";
    static final String ALGS = "algs=\"ES256 PS256 RS256\"";

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("k1");

    final ProviderDpopClient client = ProviderDpopClient.withNewKey();

    static String challenge(HttpResponse<String> response) {
        return response.headers().firstValue("WWW-Authenticate").orElse("");
    }

    static void assertRefused(HttpResponse<String> response, String error, Reason reason) {
        assertEquals(401, response.statusCode(), response.body());
        String challenge = challenge(response);
        assertTrue(challenge.startsWith("DPoP error=\"" + error + "\", " + ALGS), challenge);
        assertTrue(challenge.contains("error_description=\"" + reason.description() + "\""), challenge);
        assertTrue(response.body().contains("\"error\":\"" + error + "\""), response.body());
    }

    @Test
    void aBoundTokenWithAFreshProofIsAcceptedOnEveryProtectedRoute() {
        ServiceUnderTest service = ServiceUnderTest.startTrusting(idp);
        String token = client.boundToken(idp, "read:messages");

        HttpResponse<String> response = client.get(service, PRIVATE, token);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "{\"message\":\"Hello from a private endpoint! You need to be authenticated to see this.\"}",
                response.body());
        assertEquals(200, client.get(service, SCOPED, token).statusCode());
    }

    @Test
    void anRs256ProofIsAcceptedToo() {
        ServiceUnderTest service = ServiceUnderTest.startTrusting(idp);
        ProviderDpopClient rsa = ProviderDpopClient.withNewRsaKey();
        assertEquals(200, rsa.get(service, PRIVATE, rsa.boundToken(idp, "")).statusCode());
    }

    @Test
    void outcomesAreCountedByResultAndReason() {
        ServiceUnderTest service = ServiceUnderTest.startTrusting(idp);
        String token = client.boundToken(idp, "");
        String proof = client.proof("GET", ProviderDpopClient.uriOf(service, PRIVATE), token);
        assertEquals(
                200,
                ProviderDpopClient.withProof(service, PRIVATE, token, proof).statusCode());
        assertEquals(
                401,
                ProviderDpopClient.withProof(service, PRIVATE, token, proof).statusCode());
        assertEquals(
                401,
                ProviderDpopClient.withProof(service, PRIVATE, token, "junk").statusCode());

        String metrics = service.get("/prometheus").body();
        assertEquals(1.0, Prometheus.value(metrics, "dpop_proofs_total", Map.of("result", "accepted")), metrics);
        assertEquals(2.0, Prometheus.value(metrics, "dpop_proofs_total", Map.of("result", "refused")), metrics);
        assertEquals(
                1.0,
                Prometheus.value(
                        metrics,
                        "authentication_outcomes_total",
                        Map.of("outcome", "invalid_dpop_proof", "reason", "dpop_proof_replayed")),
                metrics);
        assertEquals(
                1.0,
                Prometheus.value(
                        metrics,
                        "authentication_outcomes_total",
                        Map.of("outcome", "invalid_dpop_proof", "reason", "dpop_proof_malformed")),
                metrics);
        assertFalse(metrics.contains(token) || metrics.contains(proof), "no token or proof in the metrics");
    }

    @Test
    void aProofIsRefusedTheSecondTime() {
        ServiceUnderTest service = ServiceUnderTest.startTrusting(idp);
        String token = client.boundToken(idp, "");
        String proof = client.proof("GET", ProviderDpopClient.uriOf(service, PRIVATE), token);

        assertEquals(
                200,
                ProviderDpopClient.withProof(service, PRIVATE, token, proof).statusCode());
        assertRefused(
                ProviderDpopClient.withProof(service, PRIVATE, token, proof),
                "invalid_dpop_proof",
                Reason.DPOP_PROOF_REPLAYED);
    }

    @Test
    void theVerifiedTokenCacheNeverSkipsTheProof() {
        ServiceUnderTest service = ServiceUnderTest.startTrusting(idp);
        String token = client.boundToken(idp, "");
        assertEquals(200, client.get(service, PRIVATE, token).statusCode());
        assertEquals(200, client.get(service, PRIVATE, token).statusCode());
        VerdictCache<?> cache = service.context()
                .getBean(Argument.of(VerdictCache.class, Authentication.class), Qualifiers.byName("tokens"));
        assertEquals(1, cache.stats().hitCount()); // the token came from the cache the second time...

        // ...and still a proof by another key, a replayed one, or none at all is refused.
        ProviderDpopClient thief = ProviderDpopClient.withNewKey();
        assertRefused(
                ProviderDpopClient.withProof(
                        service, PRIVATE, token, thief.proof("GET", ProviderDpopClient.uriOf(service, PRIVATE), token)),
                "invalid_dpop_proof",
                Reason.DPOP_PROOF_KEY_NOT_BOUND_TO_TOKEN);
        String proof = client.proof("GET", ProviderDpopClient.uriOf(service, PRIVATE), token);
        assertEquals(
                200,
                ProviderDpopClient.withProof(service, PRIVATE, token, proof).statusCode());
        assertRefused(
                ProviderDpopClient.withProof(service, PRIVATE, token, proof),
                "invalid_dpop_proof",
                Reason.DPOP_PROOF_REPLAYED);
        assertRefused(
                service.get(PRIVATE, "Authorization", "DPoP " + token),
                "invalid_dpop_proof",
                Reason.DPOP_PROOF_MISSING);
        assertTrue(cache.stats().hitCount() >= 3);
    }

    @Test
    void aBoundTokenSentAsBearerIsRefused() {
        ServiceUnderTest service = ServiceUnderTest.startTrusting(idp);
        HttpResponse<String> response = service.getWithToken(PRIVATE, client.boundToken(idp, ""));
        assertEquals(401, response.statusCode());
        assertTrue(
                challenge(response)
                        .startsWith("Bearer error=\"invalid_token\", error_description=\""
                                + Reason.DPOP_BOUND_TOKEN_AS_BEARER.description() + "\""),
                challenge(response));
    }

    @Test
    void anUnboundTokenWithTheDpopSchemeIsAnInvalidToken() {
        ServiceUnderTest service = ServiceUnderTest.startTrusting(idp);
        assertRefused(client.get(service, PRIVATE, idp.valid("")), "invalid_token", Reason.TOKEN_NOT_DPOP_BOUND);
    }

    @Test
    void aProofForAnotherMethodOrUriIsRefused() {
        ServiceUnderTest service = ServiceUnderTest.startTrusting(idp);
        String token = client.boundToken(idp, "read:messages");
        assertRefused(
                ProviderDpopClient.withProof(
                        service,
                        PRIVATE,
                        token,
                        client.proof("POST", ProviderDpopClient.uriOf(service, PRIVATE), token)),
                "invalid_dpop_proof",
                Reason.DPOP_PROOF_METHOD_MISMATCH);
        assertRefused(
                ProviderDpopClient.withProof(
                        service, PRIVATE, token, client.proof("GET", ProviderDpopClient.uriOf(service, SCOPED), token)),
                "invalid_dpop_proof",
                Reason.DPOP_PROOF_URI_MISMATCH);
        assertRefused(
                ProviderDpopClient.withProof(
                        service,
                        PRIVATE,
                        token,
                        client.proof("GET", "https://127.0.0.1:" + service.port() + PRIVATE, token)),
                "invalid_dpop_proof",
                Reason.DPOP_PROOF_URI_MISMATCH);
        // RFC 9449 §4.3 point 9: the query is not part of htu; the comparison is after RFC 3986 normalisation.
        String query = PRIVATE + "?page=2";
        assertEquals(
                200,
                ProviderDpopClient.withProof(
                                service,
                                query,
                                token,
                                client.proof("GET", "HTTP://127.0.0.1:" + service.port() + "/api/%70rivate", token))
                        .statusCode());
    }

    @Test
    void forwardedHeadersAreNeverTrustedButTheConfiguredExternalUrlIs() {
        ServiceUnderTest service = ServiceUnderTest.trusting(idp)
                .with("web.external-url", "https://api.example.com")
                .start();
        String token = client.boundToken(idp, "");
        String external = "https://api.example.com" + PRIVATE;
        assertEquals(
                200,
                ProviderDpopClient.withProof(service, PRIVATE, token, client.proof("GET", external, token))
                        .statusCode());
        assertRefused(client.get(service, PRIVATE, token), "invalid_dpop_proof", Reason.DPOP_PROOF_URI_MISMATCH);

        ServiceUnderTest direct = ServiceUnderTest.startTrusting(idp);
        HttpResponse<String> forwarded = direct.get(
                PRIVATE,
                "Authorization",
                "DPoP " + token,
                "DPoP",
                client.proof("GET", "https://evil.example" + PRIVATE, token),
                "X-Forwarded-Host",
                "evil.example",
                "X-Forwarded-Proto",
                "https",
                "Forwarded",
                "host=evil.example;proto=https");
        assertRefused(forwarded, "invalid_dpop_proof", Reason.DPOP_PROOF_URI_MISMATCH);
    }

    @Test
    void twoDpopHeadersAreAnInvalidRequest() {
        ServiceUnderTest service = ServiceUnderTest.startTrusting(idp);
        String token = client.boundToken(idp, "");
        java.net.URI url = ProviderDpopClient.uriOf(service, PRIVATE);
        HttpResponse<String> response = service.get(
                PRIVATE,
                "Authorization",
                "DPoP " + token,
                "DPoP",
                client.proof("GET", url, token),
                "DPoP",
                client.proof("GET", url, token));
        assertEquals(400, response.statusCode());
        assertTrue(challenge(response).startsWith("DPoP error=\"invalid_request\""), challenge(response));
        assertTrue(challenge(response).contains(Reason.MULTIPLE_DPOP_PROOFS.description()), challenge(response));
    }

    @Test
    void malformedProofsAreRefusedWithTheirReasonAndNeverEchoed() {
        ServiceUnderTest service = ServiceUnderTest.startTrusting(idp);
        String token = client.boundToken(idp, "");
        assertRefused(
                ProviderDpopClient.withProof(service, PRIVATE, token, "not-a-jwt"),
                "invalid_dpop_proof",
                Reason.DPOP_PROOF_MALFORMED);
        String huge = "e" + "A".repeat(5000) + ".e30.sig";
        HttpResponse<String> tooLong = ProviderDpopClient.withProof(service, PRIVATE, token, huge);
        assertRefused(tooLong, "invalid_dpop_proof", Reason.DPOP_PROOF_TOO_LONG);
        assertFalse(tooLong.body().contains("AAAA"));
        // An access token as proof: a signed JWT, but without the proof's claims (checked before its typ).
        assertRefused(
                ProviderDpopClient.withProof(service, PRIVATE, token, idp.valid("")),
                "invalid_dpop_proof",
                Reason.DPOP_PROOF_MISSING_CLAIM);
    }

    @Test
    void withoutCredentialsBothSchemesAreOffered() {
        ServiceUnderTest service = ServiceUnderTest.startTrusting(idp);
        HttpResponse<String> response = service.get(PRIVATE);
        assertEquals(401, response.statusCode());
        List<String> challenges = response.headers().allValues("WWW-Authenticate");
        assertEquals(2, challenges.size(), challenges.toString());
        assertTrue(challenges.get(0).startsWith("Bearer realm="), challenges.toString());
        assertTrue(
                challenges.get(1).startsWith("DPoP realm=\"api\", " + ALGS + ", resource_metadata="),
                challenges.toString());
    }

    @Test
    void aDpopCallerWithoutTheScopeGetsADpopInsufficientScopeChallenge() {
        ServiceUnderTest service = ServiceUnderTest.startTrusting(idp);
        HttpResponse<String> response = client.get(service, SCOPED, client.boundToken(idp, "other"));
        assertEquals(403, response.statusCode());
        assertTrue(
                challenge(response)
                        .startsWith("DPoP error=\"insufficient_scope\", " + ALGS + ", scope=\"read:messages\""),
                challenge(response));
    }

    @Test
    void theMetadataNamesTheProofAlgorithmsAndThatBearerTokensAreStillAccepted() {
        ServiceUnderTest service = ServiceUnderTest.startTrusting(idp);
        String body = service.get("/.well-known/oauth-protected-resource").body();
        assertTrue(body.contains("\"dpop_signing_alg_values_supported\":[\"ES256\",\"PS256\",\"RS256\"]"), body);
        assertTrue(body.contains("\"dpop_bound_access_tokens_required\":false"), body);
    }
}
