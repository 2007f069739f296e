package com.example.resourceserver.auth.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.config.IntrospectionTarget.SignedAnswers;
import com.example.resourceserver.auth.introspection.IntrospectionObserver;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.testing.IntrospectionServer;
import com.example.resourceserver.auth.testing.IntrospectionServer.Reply;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestConfigurations;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TestPipeline;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 9701 signed introspection answers, through the pipeline: a real introspection endpoint and a real JWKS
 * endpoint on 127.0.0.1, the issuer's keys fetched as for its access tokens. Every answer that cannot be trusted
 * is a failed call (503, not remembered), with its own metric label.
 */
class SignedAnswersTest {

    static final String ISSUER = "https://issuer.example/";
    static final String AUDIENCE = "https://api.example/";
    static final String CLIENT = "resource-server";
    static final String TOKEN = "opaque-token_123";
    static final String TYPE = "token-introspection+jwt";

    final IntrospectionServer endpoint = IntrospectionServer.start();
    final JwksServer jwks = JwksServer.start();
    final ExecutorService executor = Executors.newCachedThreadPool();
    final RSAKey key = TestKeys.rsa("op-key");
    final List<TestPipeline> started = new ArrayList<>();
    final List<String> outcomes = new CopyOnWriteArrayList<>();
    final IntrospectionObserver observer = new IntrospectionObserver() {
        @Override
        public void called(String issuerName, String outcome, Duration took) {
            outcomes.add(outcome);
        }
    };

    SignedAnswersTest() {
        jwks.publish(key);
    }

    @AfterEach
    void stop() throws IOException {
        for (TestPipeline pipeline : started) {
            pipeline.close();
        }
        jwks.close();
        endpoint.close();
        executor.shutdownNow();
    }

    TestPipeline introspector(SignedAnswers signedAnswers) {
        Map<String, String> properties = TestConfigurations.trustingProperties(ISSUER, AUDIENCE, jwks.jwksUri());
        properties.put("auth.introspection.uri", endpoint.endpoint().toString());
        properties.put("auth.introspection.client-id", CLIENT);
        properties.put("auth.introspection.client-secret", "secret");
        properties.put("auth.introspection.signed-responses", signedAnswers.name());
        AuthSettings settings = new AuthSettings();
        settings.setAlgorithms("RS256,PS256");
        settings.setLeeway("30s");
        TestPipeline pipeline = TestPipeline.start(
                TestConfigurations.resolve(settings, properties), executor, Clock.systemUTC(), observer);
        started.add(pipeline);
        return pipeline;
    }

    AuthResult<VerifiedToken> verify(SignedAnswers signedAnswers) {
        return verify(introspector(signedAnswers));
    }

    String lastOutcome() {
        return outcomes.get(outcomes.size() - 1);
    }

    static long in(long seconds) {
        return Instant.now().getEpochSecond() + seconds;
    }

    static Map<String, Object> active() {
        return Map.of("active", true, "sub", "alice", "scope", "read:messages", "iss", ISSUER, "exp", in(300));
    }

    /** The claims oidc-provider sends: iss, aud (our client id), iat and the RFC 7662 answer. */
    static JWTClaimsSet.Builder claims(Object answer) {
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(CLIENT)
                .issueTime(new Date())
                .claim("token_introspection", answer);
    }

    static JWSHeader.Builder header(JWSAlgorithm alg, String kid) {
        return new JWSHeader.Builder(alg).type(new JOSEObjectType(TYPE)).keyID(kid);
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, JWSSigner signer) {
        try {
            SignedJWT jwt = new SignedJWT(header, claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    String signed(UnaryOperator<JWSHeader.Builder> header, UnaryOperator<JWTClaimsSet.Builder> claims) {
        try {
            return sign(
                    header.apply(header(JWSAlgorithm.RS256, key.getKeyID())).build(),
                    claims.apply(claims(active())).build(),
                    new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    void answerJwt(String body) {
        endpoint.answer(token -> jwt(body));
    }

    static Reply jwt(String body) {
        return new Reply(
                200,
                "application/token-introspection+jwt; charset=utf-8",
                body.getBytes(StandardCharsets.UTF_8),
                null,
                0);
    }

    @Test
    void aSignedActiveAnswerIsOpenedAndJudgedLikeAPlainOne() {
        answerJwt(signed(h -> h, c -> c));
        AuthResult.Authenticated<?> verified =
                assertInstanceOf(AuthResult.Authenticated.class, verify(SignedAnswers.REQUIRED));
        assertEquals("alice", verified.token().caller().subject());
        assertEquals(
                "application/token-introspection+jwt",
                endpoint.received().get(0).accept());
        assertEquals("active", lastOutcome());

        answerJwt(signed(h -> h.type(new JOSEObjectType("application/token-introspection+jwt")), c -> c));
        assertInstanceOf(
                AuthResult.Authenticated.class, verify(SignedAnswers.REQUIRED), "the type in full is the same");
    }

    @Test
    void theAnswerInsideGoesThroughTheUsualChecks() {
        answerJwt(signed(h -> h, c -> c.claim("token_introspection", Map.of("active", false))));
        assertEquals(Reason.INACTIVE, reason(verify(SignedAnswers.REQUIRED)));
        answerJwt(signed(
                h -> h,
                c -> c.claim(
                        "token_introspection",
                        Map.of("active", true, "aud", "https://other.example/", "exp", in(300)))));
        assertEquals(Reason.WRONG_AUDIENCE, reason(verify(SignedAnswers.REQUIRED)));
        answerJwt(signed(h -> h, c -> c.claim("token_introspection", Map.of("active", true, "exp", in(-300)))));
        assertEquals(Reason.EXPIRED, reason(verify(SignedAnswers.REQUIRED)));
    }

    @Test
    void everyAnswerThatCannotBeTrustedIsAFailedCallNeverAVerdict() throws JOSEException {
        RSAKey stranger = TestKeys.rsa(key.getKeyID()); // same kid, another key
        ECKey ec = TestKeys.ec("ec-key");
        jwks.publish(key, ec); // published, but ES256 is not in the allow-list
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("answer_encrypted", "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a2V5.aXY.Y2lwaGVy.dGFn");
        refusals.put("answer_malformed", "not a jwt");
        refusals.put("answer_malformed ", unsigned());
        refusals.put(
                "answer_malformed  ",
                signed(h -> h.criticalParams(Set.of("exp")).customParam("exp", 1), c -> c));
        refusals.put(
                "answer_wrong_algorithm",
                sign(header(JWSAlgorithm.HS256, null).build(), claims(active()).build(), new MACSigner(new byte[32])));
        refusals.put(
                "answer_wrong_algorithm ",
                sign(
                        header(JWSAlgorithm.ES256, "ec-key").build(),
                        claims(active()).build(),
                        new ECDSASigner(ec)));
        refusals.put("answer_wrong_type", signed(h -> h.type(null), c -> c));
        refusals.put("answer_wrong_type ", signed(h -> h.type(JOSEObjectType.JWT), c -> c));
        refusals.put("answer_wrong_type  ", signed(h -> h.type(new JOSEObjectType("at+jwt")), c -> c));
        refusals.put("answer_unknown_key", signed(h -> h.keyID("other-kid"), c -> c));
        refusals.put(
                "answer_bad_signature",
                sign(
                        header(JWSAlgorithm.RS256, key.getKeyID()).build(),
                        claims(active()).build(),
                        new RSASSASigner(stranger)));
        refusals.put(
                "answer_bad_signature ",
                sign(
                        header(JWSAlgorithm.RS256, null)
                                .jwk(stranger.toPublicJWK())
                                .build(),
                        claims(active()).build(),
                        new RSASSASigner(stranger))); // a key in the header is never used
        refusals.put("answer_wrong_issuer", signed(h -> h, c -> c.issuer("https://issuer.example")));
        refusals.put("answer_wrong_issuer ", signed(h -> h, c -> c.issuer(null)));
        refusals.put("answer_wrong_audience", signed(h -> h, c -> c.audience("someone-else")));
        refusals.put("answer_wrong_audience ", signed(h -> h, c -> c.audience((String) null)));
        refusals.put("answer_wrong_time", signed(h -> h, c -> c.issueTime(null)));
        refusals.put(
                "answer_wrong_time ",
                signed(h -> h, c -> c.issueTime(Date.from(Instant.now().plusSeconds(120)))));
        refusals.put(
                "answer_wrong_time  ",
                signed(h -> h, c -> c.issueTime(Date.from(Instant.now().minusSeconds(300)))));
        refusals.put(
                "answer_wrong_time   ",
                signed(h -> h, c -> c.expirationTime(Date.from(Instant.now().minusSeconds(120)))));
        refusals.put("invalid_answer", signed(h -> h, c -> c.claim("token_introspection", null)));
        refusals.put("invalid_answer ", signed(h -> h, c -> c.claim("token_introspection", "active")));
        refusals.put("invalid_answer  ", signed(h -> h, c -> c.claim("token_introspection", Map.of("sub", "alice"))));
        refusals.put(
                "invalid_answer   ", signed(h -> h, c -> c.claim("token_introspection", Map.of("active", "true"))));
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            answerJwt(refusal.getValue());
            int before = endpoint.calls();
            TestPipeline introspector = introspector(SignedAnswers.REQUIRED);
            assertEquals(Reason.INTROSPECTION_UNAVAILABLE, reason(verify(introspector)), refusal.getKey());
            assertEquals(refusal.getKey().strip(), lastOutcome(), refusal.getKey());
            verify(introspector);
            assertEquals(before + 2, endpoint.calls(), "a failure is not remembered: " + refusal.getKey());
        }
    }

    @Test
    void requiredRefusesAPlainJsonAnswer() {
        endpoint.answer(token -> Reply.json("{\"active\":true,\"sub\":\"alice\"}"));
        assertEquals(Reason.INTROSPECTION_UNAVAILABLE, reason(verify(SignedAnswers.REQUIRED)));
        assertEquals("unsigned_answer", lastOutcome());
    }

    @Test
    void keysThatCannotBeFetchedAreAFailedCall() {
        jwks.mode(JwksServer.Mode.FAIL_500);
        answerJwt(signed(h -> h, c -> c));
        assertEquals(Reason.INTROSPECTION_UNAVAILABLE, reason(verify(SignedAnswers.REQUIRED)));
        assertEquals("keys_unavailable", lastOutcome());
    }

    @Test
    void acceptedTakesPlainJsonAndVerifiesASignedAnswer() {
        endpoint.answer(token -> Reply.json("{\"active\":true,\"sub\":\"alice\"}"));
        assertInstanceOf(AuthResult.Authenticated.class, verify(SignedAnswers.ACCEPTED));
        assertEquals(
                "application/token-introspection+jwt, application/json;q=0.5",
                endpoint.received().get(0).accept());
        answerJwt(signed(h -> h, c -> c));
        assertInstanceOf(AuthResult.Authenticated.class, verify(SignedAnswers.ACCEPTED));
        answerJwt(signed(h -> h, c -> c.audience("someone-else")));
        assertEquals(Reason.INTROSPECTION_UNAVAILABLE, reason(verify(SignedAnswers.ACCEPTED)));
        assertEquals("answer_wrong_audience", lastOutcome());
    }

    @Test
    void withoutTheSettingASignedAnswerIsNotUnderstood() {
        answerJwt(signed(h -> h, c -> c));
        assertEquals(Reason.INTROSPECTION_UNAVAILABLE, reason(verify(SignedAnswers.NONE)));
        assertEquals("invalid_answer", lastOutcome());
        assertEquals("application/json", endpoint.received().get(0).accept());
    }

    AuthResult<VerifiedToken> verify(TestPipeline pipeline) {
        return pipeline.bearer(TOKEN);
    }

    static Reason reason(AuthResult<?> result) {
        return OpaqueVouchingTest.reason(result);
    }

    /** {@code alg: none}: header and payload, no signature. */
    static String unsigned() {
        return Base64URL.encode("{\"alg\":\"none\",\"typ\":\"" + TYPE + "\"}") + "."
                + Base64URL.encode(claims(active()).build().toString()) + ".";
    }
}
