package com.example.resourceserver.auth.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.dpop.DpopOutcome;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestConfigurations;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TestPipeline;
import com.example.resourceserver.auth.testing.TestRequest;
import com.example.resourceserver.auth.testing.TokenMint;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.CredentialScheme;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request pipeline as one unit: request in, one result out, for every way credentials can come and fail,
 * both schemes, a verdict cache hit and miss. Keys from a real JWKS endpoint on 127.0.0.1; no server.
 */
class RequestAuthenticatorTest {

    static final String ISSUER = "https://issuer.example/";
    static final String AUDIENCE = "https://api.example/";

    static JwksServer jwks;
    static RSAKey key;
    static ECKey clientKey;
    static ExecutorService executor;

    final List<TestPipeline> started = new ArrayList<>();
    TokenMint mint;

    @BeforeAll
    static void start() {
        key = TestKeys.rsa("k1");
        clientKey = TestKeys.ec("client");
        jwks = JwksServer.start().publish(key);
        executor = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stop() {
        jwks.close();
        executor.shutdownNow();
    }

    @AfterEach
    void close() throws IOException {
        for (TestPipeline pipeline : started) {
            pipeline.close();
        }
    }

    /** One issuer with this DPoP mode. */
    TestPipeline pipeline(String dpopMode) {
        mint = new TokenMint(key, ISSUER, AUDIENCE);
        Map<String, String> properties = TestConfigurations.trustingProperties(ISSUER, AUDIENCE, jwks.jwksUri());
        properties.put("auth.dpop.mode", dpopMode);
        TestPipeline pipeline =
                TestPipeline.start(TestConfigurations.resolve(new AuthSettings(), properties), executor);
        started.add(pipeline);
        return pipeline;
    }

    static AuthResult.Refused<?> refused(AuthResult<?> result, Reason reason, CredentialScheme scheme) {
        AuthResult.Refused<?> refused = assertInstanceOf(AuthResult.Refused.class, result);
        assertEquals(reason, refused.failure().reason());
        assertEquals(scheme, refused.scheme());
        return refused;
    }

    static AuthResult.Authenticated<?> authenticated(AuthResult<?> result, CredentialScheme scheme) {
        AuthResult.Authenticated<?> authenticated = assertInstanceOf(AuthResult.Authenticated.class, result);
        assertEquals(scheme, authenticated.scheme());
        return authenticated;
    }

    String boundToken() {
        try {
            return mint.token()
                    .claim(
                            "cnf",
                            Map.of("jkt", clientKey.computeThumbprint("SHA-256").toString()))
                    .sign();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String proof(String token) {
        try {
            return new DefaultDPoPProofFactory(clientKey, JWSAlgorithm.ES256)
                    .createDPoPJWT("GET", URI.create(TestRequest.URI), new DPoPAccessToken(token))
                    .serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- reading the credentials ----

    @Test
    void withoutCredentialsOfOurSchemesThereAreNone() {
        TestPipeline pipeline = pipeline("allowed");
        assertInstanceOf(AuthResult.NoCredentials.class, pipeline.authenticate(TestRequest.authorizedBy()));
        for (String other : List.of("Basic dXNlcjpwdw==", "Bearerx abc", "Negotiate abc")) {
            assertInstanceOf(
                    AuthResult.NoCredentials.class, pipeline.authenticate(TestRequest.authorizedBy(other)), other);
        }
    }

    @Test
    void credentialsThatCannotBeReadAreRefusedInTheSchemeTheyCameWith() {
        TestPipeline pipeline = pipeline("allowed");
        String token = mint.valid("");
        refused(
                pipeline.authenticate(TestRequest.authorizedBy("Bearer " + token, "Bearer " + token)),
                Reason.MULTIPLE_AUTHORIZATION_HEADERS,
                null);
        refused(
                pipeline.authenticate(TestRequest.authorizedBy("Bearer   ")),
                Reason.MALFORMED,
                CredentialScheme.BEARER);
        refused(
                pipeline.authenticate(TestRequest.bearer(token).withAccessTokenInQuery()),
                Reason.TOKEN_IN_MULTIPLE_PLACES,
                CredentialScheme.BEARER);
        refused(
                pipeline.authenticate(TestRequest.authorizedBy("DPoP " + token)),
                Reason.DPOP_PROOF_MISSING,
                CredentialScheme.DPOP);
        refused(
                pipeline.authenticate(TestRequest.authorizedBy("dpop " + token).withProofs("a", "b")),
                Reason.MULTIPLE_DPOP_PROOFS,
                CredentialScheme.DPOP);
    }

    @Test
    void theDpopSchemeIsNotReadWhereNoIssuerAcceptsIt() {
        TestPipeline pipeline = pipeline("disabled");
        assertInstanceOf(
                AuthResult.NoCredentials.class, pipeline.authenticate(TestRequest.dpop(boundToken(), "proof")));
    }

    // ---- bearer tokens, the verdict cache ----

    @Test
    void aValidBearerTokenIsAuthenticatedOnceVerifiedThenFromTheCache() {
        TestPipeline pipeline = pipeline("allowed");
        String token = mint.valid("read:messages");
        AuthResult.Authenticated<?> first = authenticated(pipeline.bearer(token), CredentialScheme.BEARER);
        assertEquals("user-1", first.token().caller().subject());
        assertEquals(0, pipeline.tokens().stats().hitCount());
        AuthResult.Authenticated<?> second = authenticated(pipeline.bearer(token), CredentialScheme.BEARER);
        assertEquals(1, pipeline.tokens().stats().hitCount());
        assertEquals(first.principal(), second.principal(), "the principal is built once per token");
    }

    @Test
    void aRefusedTokenIsNeverRemembered() {
        TestPipeline pipeline = pipeline("allowed");
        String forged = new TokenMint(TestKeys.rsa("k1"), ISSUER, AUDIENCE).valid("");
        refused(pipeline.bearer(forged), Reason.BAD_SIGNATURE, CredentialScheme.BEARER);
        refused(pipeline.bearer(forged), Reason.BAD_SIGNATURE, CredentialScheme.BEARER);
        assertEquals(0, pipeline.tokens().size());
        refused(pipeline.bearer("not-a-jwt"), Reason.MALFORMED, CredentialScheme.BEARER);
    }

    @Test
    void keysThatCannotBeHadAreA503NotARefusalOfTheToken() {
        try (JwksServer down = JwksServer.start()) {
            down.mode(JwksServer.Mode.FAIL_500);
            Map<String, String> properties = TestConfigurations.trustingProperties(ISSUER, AUDIENCE, down.jwksUri());
            TestPipeline pipeline =
                    TestPipeline.start(TestConfigurations.resolve(new AuthSettings(), properties), executor);
            started.add(pipeline);
            AuthResult.Refused<?> refused = refused(
                    pipeline.bearer(new TokenMint(key, ISSUER, AUDIENCE).valid("")),
                    Reason.KEYS_UNAVAILABLE,
                    CredentialScheme.BEARER);
            assertEquals(30, refused.failure().retryAfter().toSeconds());
        }
    }

    // ---- DPoP ----

    @Test
    void aBoundTokenWithItsProofIsAuthenticatedAndEveryProofIsCheckedEvenWhenTheTokenIsRemembered() {
        TestPipeline pipeline = pipeline("allowed");
        String token = boundToken();
        authenticated(pipeline.authenticate(TestRequest.dpop(token, proof(token))), CredentialScheme.DPOP);
        String proof = proof(token);
        authenticated(pipeline.authenticate(TestRequest.dpop(token, proof)), CredentialScheme.DPOP);
        assertEquals(1, pipeline.tokens().stats().hitCount(), "the token came from the cache the second time");
        refused(
                pipeline.authenticate(TestRequest.dpop(token, proof)),
                Reason.DPOP_PROOF_REPLAYED,
                CredentialScheme.DPOP);
        assertEquals(3, pipeline.dpopOutcomes().size());
        assertInstanceOf(DpopOutcome.Refused.class, pipeline.dpopOutcomes().get(2));
    }

    @Test
    void theBindingMustFitTheScheme() {
        TestPipeline pipeline = pipeline("allowed");
        String bound = boundToken();
        refused(pipeline.bearer(bound), Reason.DPOP_BOUND_TOKEN_AS_BEARER, CredentialScheme.BEARER);
        String plain = mint.valid("");
        refused(
                pipeline.authenticate(TestRequest.dpop(plain, proof(plain))),
                Reason.TOKEN_NOT_DPOP_BOUND,
                CredentialScheme.DPOP);
    }

    @Test
    void theIssuersModeDecidesWhichSchemeItsTokensMayUse() {
        String plain;
        TestPipeline required = pipeline("required");
        plain = mint.valid("");
        refused(required.bearer(plain), Reason.DPOP_REQUIRED, CredentialScheme.BEARER);

        Map<String, String> properties = TestConfigurations.trustingProperties(ISSUER, AUDIENCE, jwks.jwksUri());
        properties.put("auth.issuers.other.issuer", "https://other.example/");
        properties.put("auth.issuers.other.audience", AUDIENCE);
        properties.put("auth.issuers.other.jwks-uri", jwks.jwksUri().toString());
        properties.put("auth.issuers.other.dpop", "disabled");
        TestPipeline mixed = TestPipeline.start(TestConfigurations.resolve(new AuthSettings(), properties), executor);
        started.add(mixed);
        String otherBound;
        try {
            otherBound = new TokenMint(key, "https://other.example/", AUDIENCE)
                    .token()
                    .claim(
                            "cnf",
                            Map.of("jkt", clientKey.computeThumbprint("SHA-256").toString()))
                    .sign();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        refused(
                mixed.authenticate(TestRequest.dpop(otherBound, proof(otherBound))),
                Reason.DPOP_NOT_ACCEPTED,
                CredentialScheme.DPOP);
        assertInstanceOf(
                VerdictCache.Verdict.Accepted.class,
                mixed.tokens().find(otherBound),
                "the presentation was refused, not the token: its own verdict is the one remembered");
    }
}
