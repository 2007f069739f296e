package com.example.resourceserver.auth.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every check of RFC 9449 §4.3 (points in the nested classes' names), each shown to refuse a proof that is
 * right in every other respect: {@link #aHandBuiltProofWithNothingChangedIsAccepted()} is the control that
 * the hand-built variants differ from in one thing only.
 */
class DpopProofVerifierTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final String URI = "https://api.example.com/orders/42";
    static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
    static final Duration MAX_AGE = Duration.ofSeconds(60);
    static final Duration LEEWAY = Duration.ofSeconds(10);
    static final Set<JWSAlgorithm> ALGORITHMS =
            Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.RS256, JWSAlgorithm.EdDSA);

    static ECKey ecKey;
    static RSAKey rsaKey;

    InMemoryProofReplayStore store;
    DpopProofVerifier verifier;

    @BeforeAll
    static void keys() {
        ecKey = TestKeys.ec("proof-ec");
        rsaKey = TestKeys.rsa("proof-rsa");
    }

    @BeforeEach
    void freshStore() {
        store = new InMemoryProofReplayStore(1_000);
        verifier = new DpopProofVerifier(new ProofRules(ALGORITHMS, MAX_AGE, LEEWAY), store, new JwsReader());
    }

    // ---- helpers

    static String jkt(JWK key) {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static String jti() {
        return UUID.randomUUID().toString();
    }

    DpopOutcome verify(String proof) {
        return verify(proof, "GET", URI, TOKEN, jkt(ecKey));
    }

    DpopOutcome verify(String proof, String method, String uri, String token, String tokenJkt) {
        return verifier.verify(proof, method, uri, token, tokenJkt, NOW)
                .toCompletableFuture()
                .join();
    }

    static String factoryProof() {
        return Proofs.fromFactory(ecKey, JWSAlgorithm.ES256, jti(), "GET", URI, NOW, TOKEN);
    }

    static Map<String, Object> header() {
        return Proofs.header(ecKey, JWSAlgorithm.ES256);
    }

    static Map<String, Object> claims() {
        return Proofs.claims(jti(), "GET", URI, NOW, TOKEN);
    }

    static String signed(Map<String, Object> header, Map<String, Object> claims) {
        return Proofs.signed(header, claims, Proofs.signer(ecKey, JWSAlgorithm.ES256));
    }

    static void assertAccepted(DpopOutcome outcome) {
        assertInstanceOf(DpopOutcome.Accepted.class, outcome, () -> "expected acceptance, got " + outcome);
    }

    static void assertRefused(Reason reason, DpopOutcome outcome) {
        assertEquals(new DpopOutcome.Refused(reason), outcome);
    }

    // ---- acceptance

    @Test
    void aProofFromNimbusFactoryIsAcceptedWithItsKeysThumbprint() {
        assertEquals(new DpopOutcome.Accepted(jkt(ecKey)), verify(factoryProof()));
    }

    @Test
    void rsaProofsFromNimbusFactoryAreAccepted() {
        for (JWSAlgorithm alg : List.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256)) {
            String proof = Proofs.fromFactory(rsaKey, alg, jti(), "GET", URI, NOW, TOKEN);
            assertEquals(
                    new DpopOutcome.Accepted(jkt(rsaKey)), verify(proof, "GET", URI, TOKEN, jkt(rsaKey)), alg::getName);
        }
    }

    @Test
    void anEd25519ProofIsAcceptedWhenEdDsaIsAllowedOnly() {
        Proofs.Ed25519 ed = Proofs.Ed25519.generate();
        String proof = Proofs.signed(Proofs.header(ed.jwk(), JWSAlgorithm.EdDSA), claims(), ed.signer());
        assertEquals(new DpopOutcome.Accepted(jkt(ed.jwk())), verify(proof, "GET", URI, TOKEN, jkt(ed.jwk())));

        DpopProofVerifier withoutEdDsa = new DpopProofVerifier(
                new ProofRules(Set.of(JWSAlgorithm.ES256), MAX_AGE, LEEWAY),
                new InMemoryProofReplayStore(10),
                new JwsReader());
        String another = Proofs.signed(Proofs.header(ed.jwk(), JWSAlgorithm.EdDSA), claims(), ed.signer());
        assertRefused(
                Reason.DPOP_PROOF_DISALLOWED_ALGORITHM,
                withoutEdDsa
                        .verify(another, "GET", URI, TOKEN, jkt(ed.jwk()), NOW)
                        .toCompletableFuture()
                        .join());
    }

    @Test
    void aHandBuiltProofWithNothingChangedIsAccepted() {
        assertAccepted(verify(signed(header(), claims())));
    }

    @Test
    void everyDescriptionIsAFixedQuotableSentence() {
        for (Reason reason : Reason.values()) {
            String description = reason.description();
            assertEquals(
                    true,
                    description.matches("[\\x20-\\x7E]+")
                            && description.indexOf('"') < 0
                            && description.indexOf('\\') < 0,
                    reason::name);
        }
        assertEquals(AuthenticationFailure.Kind.INVALID_DPOP_PROOF, Reason.DPOP_PROOF_BAD_SIGNATURE.kind());
        assertEquals(AuthenticationFailure.Kind.INVALID_TOKEN, Reason.TOKEN_NOT_DPOP_BOUND.kind());
    }

    // ---- point 2: a well-formed JWT; strict JSON; bounded size

    @Nested
    class Point2WellFormedJwt {

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "",
                    "abc",
                    "a.b",
                    "a.b.c.d",
                    "!!!.???.***",
                    "eyJ9.eyJ9.",
                    "..",
                    "eyJhbGciOiJFUzI1NiJ9=.eyJ9.c2ln"
                })
        void somethingThatIsNotACompactJwsIsMalformed(String proof) {
            assertRefused(Reason.DPOP_PROOF_MALFORMED, verify(proof));
        }

        @Test
        void aMissingProofIsMalformed() {
            assertRefused(Reason.DPOP_PROOF_MALFORMED, verify(null));
        }

        @Test
        void aHeaderOrPayloadThatIsNotAJsonObjectIsMalformed() {
            Proofs.Signer signer = Proofs.signer(ecKey, JWSAlgorithm.ES256);
            String claimsJson = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims());
            String headerJson = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(header());
            assertRefused(Reason.DPOP_PROOF_MALFORMED, verify(Proofs.signed("not json", claimsJson, signer)));
            assertRefused(Reason.DPOP_PROOF_MALFORMED, verify(Proofs.signed(headerJson, "[1,2]", signer)));
            assertRefused(Reason.DPOP_PROOF_MALFORMED, verify(Proofs.signed(headerJson, claimsJson + " x", signer)));
            assertAccepted(verify(Proofs.signed(headerJson, claimsJson, signer)));
        }

        @Test
        void aSegmentWithCharactersOutsideBase64UrlIsMalformedEvenThoughNimbusWouldSkipThem() {
            String proof = factoryProof();
            int firstDot = proof.indexOf('.');
            String withJunk = proof.substring(0, firstDot) + "." + "*" + proof.substring(firstDot + 1);
            assertRefused(Reason.DPOP_PROOF_MALFORMED, verify(withJunk));
        }

        @Test
        void aProofLongerThanTheBoundIsRefusedBeforeDecoding() {
            Map<String, Object> longClaims = claims();
            longClaims.put("pad", "x".repeat(4_000));
            assertRefused(Reason.DPOP_PROOF_TOO_LONG, verify(signed(header(), longClaims)));

            Map<String, Object> withinBound = claims();
            withinBound.put("pad", "x".repeat(2_000));
            assertAccepted(verify(signed(header(), withinBound)));
        }

        @Test
        void aRepeatedMemberAnywhereIsRefused() {
            Proofs.Signer signer = Proofs.signer(ecKey, JWSAlgorithm.ES256);
            String headerJson = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(header());
            String claimsJson = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims());
            String jwkJson = ecKey.toPublicJWK().toJSONString();

            String repeatedClaim = claimsJson.replaceFirst("\\{", "{\"jti\":\"other\",");
            assertRefused(Reason.DPOP_PROOF_DUPLICATE_MEMBER, verify(Proofs.signed(headerJson, repeatedClaim, signer)));

            String repeatedTyp = headerJson.replaceFirst("\\{", "{\"typ\":\"dpop+jwt\",");
            assertRefused(Reason.DPOP_PROOF_DUPLICATE_MEMBER, verify(Proofs.signed(repeatedTyp, claimsJson, signer)));

            // Inside jwk, where Nimbus alone would keep the last one; here even the same value twice.
            String x = "\"x\":\"" + ecKey.getX() + "\"";
            String repeatedX = headerJson.replace(jwkJson, jwkJson.replace(x, x + "," + x));
            assertRefused(Reason.DPOP_PROOF_DUPLICATE_MEMBER, verify(Proofs.signed(repeatedX, claimsJson, signer)));

            String escapedRepeat = claimsJson.replaceFirst("\\{", "{\"\\\\u006ati\":\"other\",");
            assertRefused(Reason.DPOP_PROOF_DUPLICATE_MEMBER, verify(Proofs.signed(headerJson, escapedRepeat, signer)));
        }

        @Test
        void garbageNeverThrows() {
            java.util.Random random = new java.util.Random(9449);
            String alphabet = "eyJ.abcXYZ09-_{}\":,=+/ ";
            for (int i = 0; i < 500; i++) {
                StringBuilder proof = new StringBuilder();
                for (int j = random.nextInt(120); j > 0; j--) {
                    proof.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                assertInstanceOf(DpopOutcome.Refused.class, verify(proof.toString()));
            }
            assertInstanceOf(DpopOutcome.Refused.class, verify(factoryProof(), null, null, null, null));
        }
    }

    // ---- point 3: the required claims, of the right types

    @Nested
    class Point3RequiredClaims {

        @ParameterizedTest
        @ValueSource(strings = {"jti", "htm", "htu", "iat", "ath"})
        void aProofWithoutAClaimIsRefused(String name) {
            Map<String, Object> claims = claims();
            claims.remove(name);
            assertRefused(Reason.DPOP_PROOF_MISSING_CLAIM, verify(signed(header(), claims)));
            Map<String, Object> nulled = claims();
            nulled.put(name, null);
            assertRefused(Reason.DPOP_PROOF_MISSING_CLAIM, verify(signed(header(), nulled)));
        }

        @Test
        void claimsOfTheWrongTypeAreRefused() {
            List<Map.Entry<String, Object>> wrong = List.of(
                    Map.entry("jti", 42),
                    Map.entry("jti", ""),
                    Map.entry("htm", List.of("GET")),
                    Map.entry("htu", 7),
                    Map.entry("ath", true),
                    Map.entry("iat", String.valueOf(NOW.getEpochSecond())),
                    Map.entry("iat", -1),
                    Map.entry("iat", 1e300),
                    Map.entry("iat", Map.of()));
            for (Map.Entry<String, Object> claim : wrong) {
                Map<String, Object> claims = claims();
                claims.put(claim.getKey(), claim.getValue());
                assertRefused(Reason.DPOP_PROOF_INVALID_CLAIM, verify(signed(header(), claims)));
            }
        }

        @Test
        void aFractionalIatIsANumericDate() {
            Map<String, Object> claims = claims();
            claims.put("iat", NOW.getEpochSecond() + 0.5);
            assertAccepted(verify(signed(header(), claims)));
        }
    }

    // ---- point 4: typ

    @Nested
    class Point4Type {

        @Test
        void anyOtherTypIsRefused() {
            for (Object typ : List.of("JWT", "at+jwt", "dpop", 1)) {
                Map<String, Object> header = header();
                header.put("typ", typ);
                assertRefused(Reason.DPOP_PROOF_WRONG_TYPE, verify(signed(header, claims())));
            }
            Map<String, Object> noTyp = header();
            noTyp.remove("typ");
            assertRefused(Reason.DPOP_PROOF_WRONG_TYPE, verify(signed(noTyp, claims())));
        }

        @Test
        void theMediaTypeComparesCaseInsensitivelyWithOrWithoutApplicationPrefix() {
            for (String typ : List.of("DPoP+JWT", "application/dpop+jwt")) {
                Map<String, Object> header = header();
                header.put("typ", typ);
                assertAccepted(verify(signed(header, claims())));
            }
        }
    }

    // ---- point 5: an asymmetric algorithm from the allow-list; no critical extensions

    @Nested
    class Point5Algorithm {

        @Test
        void anUnsignedProofIsRefusedByItsAlgorithm() {
            Map<String, Object> header = header();
            header.put("alg", "none");
            String signedForm = signed(header, claims());
            String unsigned = signedForm.substring(0, signedForm.lastIndexOf('.') + 1);
            assertRefused(Reason.DPOP_PROOF_DISALLOWED_ALGORITHM, verify(unsigned));
        }

        @Test
        void anHmacProofIsRefused() throws JOSEException {
            OctetSequenceKey secret = new OctetSequenceKeyGenerator(256).generate();
            Map<String, Object> header = header();
            header.put("alg", "HS256");
            assertRefused(
                    Reason.DPOP_PROOF_DISALLOWED_ALGORITHM,
                    verify(Proofs.signed(header, claims(), Proofs.signer(secret, JWSAlgorithm.HS256))));
        }

        @Test
        void anAsymmetricAlgorithmOffTheListIsRefused() {
            DpopProofVerifier rsaOnly = new DpopProofVerifier(
                    new ProofRules(Set.of(JWSAlgorithm.RS256), MAX_AGE, LEEWAY), store, new JwsReader());
            assertRefused(
                    Reason.DPOP_PROOF_DISALLOWED_ALGORITHM,
                    rsaOnly.verify(factoryProof(), "GET", URI, TOKEN, jkt(ecKey), NOW)
                            .toCompletableFuture()
                            .join());
            Map<String, Object> noAlg = header();
            noAlg.remove("alg");
            assertRefused(Reason.DPOP_PROOF_DISALLOWED_ALGORITHM, verify(signed(noAlg, claims())));
        }

        @Test
        void aCriticalHeaderIsRefused() {
            Map<String, Object> header = header();
            header.put("crit", List.of("exp"));
            header.put("exp", NOW.getEpochSecond());
            assertRefused(Reason.DPOP_PROOF_UNSUPPORTED_CRITICAL_HEADER, verify(signed(header, claims())));
        }
    }

    // ---- point 7: the jwk header is a public key that fits the algorithm

    @Nested
    class Point7PublicKey {

        @Test
        void aProofWithoutJwkIsRefused() {
            Map<String, Object> header = header();
            header.remove("jwk");
            assertRefused(Reason.DPOP_PROOF_MISSING_KEY, verify(signed(header, claims())));
        }

        @Test
        void aJwkWithPrivateMembersIsRefused() throws JOSEException {
            Map<String, Object> ec = header();
            ec.put("jwk", ecKey.toJSONObject()); // with d
            assertRefused(Reason.DPOP_PROOF_PRIVATE_KEY, verify(signed(ec, claims())));

            Map<String, Object> rsa = Proofs.header(rsaKey, JWSAlgorithm.RS256);
            rsa.put("jwk", rsaKey.toJSONObject()); // with d, p, q, dp, dq, qi
            assertRefused(
                    Reason.DPOP_PROOF_PRIVATE_KEY,
                    verify(
                            Proofs.signed(rsa, claims(), Proofs.signer(rsaKey, JWSAlgorithm.RS256)),
                            "GET",
                            URI,
                            TOKEN,
                            jkt(rsaKey)));

            Map<String, Object> secret = header();
            secret.put("jwk", new OctetSequenceKeyGenerator(256).generate().toJSONObject()); // k
            assertRefused(Reason.DPOP_PROOF_PRIVATE_KEY, verify(signed(secret, claims())));
        }

        @Test
        void aJwkThatIsNoKeyOrDoesNotFitTheAlgorithmIsRefused() throws JOSEException {
            Map<String, Object> notAnObject = header();
            notAnObject.put("jwk", "key");
            assertRefused(Reason.DPOP_PROOF_UNUSABLE_KEY, verify(signed(notAnObject, claims())));

            Map<String, Object> incomplete = header();
            incomplete.put("jwk", Map.of("kty", "EC", "crv", "P-256"));
            assertRefused(Reason.DPOP_PROOF_UNUSABLE_KEY, verify(signed(incomplete, claims())));

            Map<String, Object> offCurve = header();
            Map<String, Object> jwk = ecKey.toPublicJWK().toJSONObject();
            jwk.put("y", TestKeys.ec("other").getY().toString());
            offCurve.put("jwk", jwk);
            assertRefused(Reason.DPOP_PROOF_UNUSABLE_KEY, verify(signed(offCurve, claims())));

            Map<String, Object> rsaKeyForEs256 = header();
            rsaKeyForEs256.put("jwk", rsaKey.toPublicJWK().toJSONObject());
            assertRefused(Reason.DPOP_PROOF_UNUSABLE_KEY, verify(signed(rsaKeyForEs256, claims())));

            ECKey p384 = new com.nimbusds.jose.jwk.gen.ECKeyGenerator(com.nimbusds.jose.jwk.Curve.P_384).generate();
            Map<String, Object> wrongCurve = header(); // says ES256, which needs P-256
            wrongCurve.put("jwk", p384.toPublicJWK().toJSONObject());
            assertRefused(
                    Reason.DPOP_PROOF_UNUSABLE_KEY,
                    verify(
                            Proofs.signed(wrongCurve, claims(), Proofs.signer(p384, JWSAlgorithm.ES384)),
                            "GET",
                            URI,
                            TOKEN,
                            jkt(p384)));

            RSAKey weak = new RSAKeyGenerator(1024, true).generate();
            assertRefused(
                    Reason.DPOP_PROOF_UNUSABLE_KEY,
                    verify(
                            Proofs.signed(
                                    Proofs.header(weak, JWSAlgorithm.RS256),
                                    claims(),
                                    Proofs.signer(weak, JWSAlgorithm.RS256)),
                            "GET",
                            URI,
                            TOKEN,
                            jkt(weak)));
        }
    }

    // ---- point 6: the signature verifies with the jwk

    @Nested
    class Point6Signature {

        @Test
        void aProofSignedByAnotherKeyThanItsJwkIsRefused() {
            ECKey other = TestKeys.ec("other");
            assertRefused(
                    Reason.DPOP_PROOF_BAD_SIGNATURE,
                    verify(Proofs.signed(header(), claims(), Proofs.signer(other, JWSAlgorithm.ES256))));
        }

        @Test
        void aProofWhoseClaimsWereChangedAfterSigningIsRefused() {
            String proof = factoryProof();
            String[] parts = proof.split("\\.");
            Map<String, Object> changed = claims();
            String forged = parts[0] + "."
                    + Base64URL.encode(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(changed)
                            .getBytes(StandardCharsets.UTF_8))
                    + "." + parts[2];
            assertRefused(Reason.DPOP_PROOF_BAD_SIGNATURE, verify(forged));
            assertRefused(Reason.DPOP_PROOF_BAD_SIGNATURE, verify(parts[0] + "." + parts[1] + "."));
        }

        @Test
        void aRememberedHeaderStillNeedsItsOwnValidSignatureOnEveryProof() {
            String first = factoryProof();
            assertAccepted(verify(first)); // its header is remembered from here on
            String header = first.split("\\.")[0];
            String second = factoryProof();
            assertEquals(header, second.split("\\.")[0], "the same key makes the same header text");

            String[] parts = second.split("\\.");
            String otherClaims = Base64URL.encode(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims())
                            .getBytes(StandardCharsets.UTF_8))
                    .toString();
            assertRefused(Reason.DPOP_PROOF_BAD_SIGNATURE, verify(parts[0] + "." + otherClaims + "." + parts[2]));
            String otherKeysSignature = Proofs.signed(
                            header(), claims(), Proofs.signer(TestKeys.ec("other"), JWSAlgorithm.ES256))
                    .split("\\.")[2];
            assertRefused(
                    Reason.DPOP_PROOF_BAD_SIGNATURE, verify(parts[0] + "." + parts[1] + "." + otherKeysSignature));
            assertAccepted(verify(second));
        }
    }

    // ---- point 8: htm

    @Nested
    class Point8Method {

        @Test
        void anotherMethodIsRefusedAndMethodsAreCaseSensitive() {
            assertRefused(Reason.DPOP_PROOF_METHOD_MISMATCH, verify(factoryProof(), "POST", URI, TOKEN, jkt(ecKey)));
            Map<String, Object> lower = claims();
            lower.put("htm", "get");
            assertRefused(Reason.DPOP_PROOF_METHOD_MISMATCH, verify(signed(header(), lower)));
        }
    }

    // ---- point 9: htu, after RFC 3986 normalisation, without query and fragment

    @Nested
    class Point9Uri {

        DpopOutcome withHtu(String htu, String requestUri) {
            Map<String, Object> claims = claims();
            claims.put("htu", htu);
            return verify(signed(header(), claims), "GET", requestUri, TOKEN, jkt(ecKey));
        }

        @Test
        void anotherUriIsRefused() {
            for (String other : List.of(
                    "https://api.example.com/orders/43",
                    "https://evil.example.com/orders/42",
                    "http://api.example.com/orders/42",
                    "https://api.example.com:8443/orders/42",
                    "https://api.example.com/orders/42/",
                    "https://api.example.com/orders%2F42")) {
                assertRefused(Reason.DPOP_PROOF_URI_MISMATCH, withHtu(other, URI));
            }
        }

        @Test
        void anHtuThatIsNoHttpUriIsRefused() {
            for (String bad :
                    List.of("not a uri", "urn:example:orders", "ftp://api.example.com/orders/42", "/orders/42")) {
                assertRefused(Reason.DPOP_PROOF_URI_MISMATCH, withHtu(bad, URI));
            }
            assertRefused(Reason.DPOP_PROOF_URI_MISMATCH, withHtu(URI, "not a uri"));
        }

        @Test
        void queryAndFragmentAreIgnoredOnBothSides() {
            assertAccepted(withHtu(URI, URI + "?page=2"));
            assertAccepted(withHtu(URI + "?page=1#top", URI));
        }

        @Test
        void equivalentSpellingsOfTheSameUriMatch() {
            assertAccepted(withHtu("HTTPS://API.Example.COM:443/orders/./x/../42", URI));
            assertAccepted(withHtu("http://api.example.com:80", "http://api.example.com/"));
            assertAccepted(withHtu("https://api.example.com/%7Ealice/a%2fb", "https://api.example.com/~alice/a%2Fb"));
            assertAccepted(withHtu("https://api.example.com/%6Frders/42", URI));
        }
    }

    // ---- point 11: iat within max age plus leeway, both ways

    @Nested
    class Point11IssuedAt {

        DpopOutcome issuedAt(Instant iat) {
            return verify(Proofs.fromFactory(ecKey, JWSAlgorithm.ES256, jti(), "GET", URI, iat, TOKEN));
        }

        @Test
        void aProofIsAcceptedUpToMaxAgePlusLeewayOldAndRefusedAfter() {
            assertAccepted(issuedAt(NOW.minus(MAX_AGE).minus(LEEWAY)));
            assertRefused(
                    Reason.DPOP_PROOF_ISSUED_TOO_LONG_AGO,
                    issuedAt(NOW.minus(MAX_AGE).minus(LEEWAY).minusSeconds(1)));
        }

        @Test
        void aProofIsAcceptedUpToLeewayInTheFutureAndRefusedBeyond() {
            assertAccepted(issuedAt(NOW.plus(LEEWAY)));
            assertRefused(
                    Reason.DPOP_PROOF_ISSUED_IN_FUTURE,
                    issuedAt(NOW.plus(LEEWAY).plusSeconds(1)));
        }
    }

    // ---- point 12 and the binding: ath, cnf.jkt

    @Nested
    class Point12AccessTokenBinding {

        @Test
        void aProofForAnotherAccessTokenIsRefused() {
            assertRefused(
                    Reason.DPOP_PROOF_ACCESS_TOKEN_HASH_MISMATCH,
                    verify(factoryProof(), "GET", URI, TOKEN + "x", jkt(ecKey)));
        }

        @Test
        void anAthInAnotherEncodingIsRefused() {
            Map<String, Object> claims = claims();
            claims.put("ath", DpopProofVerifier.accessTokenHash(TOKEN) + "=");
            assertRefused(Reason.DPOP_PROOF_ACCESS_TOKEN_HASH_MISMATCH, verify(signed(header(), claims)));
        }

        @Test
        void aTokenWithoutCnfIsRefusedAsAnInvalidToken() {
            DpopOutcome outcome = verify(factoryProof(), "GET", URI, TOKEN, null);
            assertRefused(Reason.TOKEN_NOT_DPOP_BOUND, outcome);
            assertEquals(AuthenticationFailure.Kind.INVALID_TOKEN, Reason.TOKEN_NOT_DPOP_BOUND.kind());
        }

        @Test
        void aTokenBoundToAnotherKeyIsRefused() {
            assertRefused(
                    Reason.DPOP_PROOF_KEY_NOT_BOUND_TO_TOKEN, verify(factoryProof(), "GET", URI, TOKEN, jkt(rsaKey)));
        }
    }

    // ---- jti: single use within the window (RFC 9449 §11.1)

    @Nested
    class SingleUse {

        @Test
        void aProofIsAcceptedOnceThenRefusedAsAReplay() {
            String proof = factoryProof();
            assertAccepted(verify(proof));
            assertRefused(Reason.DPOP_PROOF_REPLAYED, verify(proof));
        }

        @Test
        void theSameJtiFromAnotherKeyOrForAnotherUriIsAnotherProof() {
            String jti = jti();
            assertAccepted(verify(Proofs.fromFactory(ecKey, JWSAlgorithm.ES256, jti, "GET", URI, NOW, TOKEN)));
            String fromRsa = Proofs.fromFactory(rsaKey, JWSAlgorithm.RS256, jti, "GET", URI, NOW, TOKEN);
            assertAccepted(verify(fromRsa, "GET", URI, TOKEN, jkt(rsaKey)));
            String other = "https://api.example.com/orders/43";
            assertAccepted(verify(
                    Proofs.fromFactory(ecKey, JWSAlgorithm.ES256, jti, "GET", other, NOW, TOKEN),
                    "GET",
                    other,
                    TOKEN,
                    jkt(ecKey)));
        }

        @Test
        void aRefusedProofDoesNotUseUpItsJti() {
            String proof = factoryProof();
            assertRefused(Reason.DPOP_PROOF_KEY_NOT_BOUND_TO_TOKEN, verify(proof, "GET", URI, TOKEN, jkt(rsaKey)));
            assertAccepted(verify(proof));
        }

        @Test
        void theProofIsRememberedWhileItCouldStillBeAcceptedPlusOneLeeway() {
            List<Duration> ttls = new ArrayList<>();
            DpopProofVerifier recording = new DpopProofVerifier(
                    new ProofRules(ALGORITHMS, MAX_AGE, LEEWAY),
                    (key, ttl) -> {
                        ttls.add(ttl);
                        return CompletableFuture.completedFuture(ProofReplayStore.Use.FIRST);
                    },
                    new JwsReader());
            Instant iat = NOW.minusSeconds(20);
            String proof = Proofs.fromFactory(ecKey, JWSAlgorithm.ES256, jti(), "GET", URI, iat, TOKEN);
            assertAccepted(recording
                    .verify(proof, "GET", URI, TOKEN, jkt(ecKey), NOW)
                    .toCompletableFuture()
                    .join());
            // acceptable until iat + 60 s + 10 s = NOW + 50 s; plus 10 s for replicas whose clocks lag
            assertEquals(List.of(Duration.ofSeconds(60)), ttls);
        }

        @Test
        void whenTheStoreCannotTellTheProofIsNeitherAcceptedNorRefused() {
            List<ProofReplayStore> failing = List.of(
                    (key, ttl) -> CompletableFuture.completedFuture(ProofReplayStore.Use.UNKNOWN),
                    (key, ttl) -> CompletableFuture.failedFuture(new IllegalStateException("down")),
                    (key, ttl) -> {
                        throw new IllegalStateException("down");
                    });
            for (ProofReplayStore store : failing) {
                DpopProofVerifier withStore =
                        new DpopProofVerifier(new ProofRules(ALGORITHMS, MAX_AGE, LEEWAY), store, new JwsReader());
                assertEquals(
                        new DpopOutcome.ReplayStoreUnavailable(),
                        withStore
                                .verify(factoryProof(), "GET", URI, TOKEN, jkt(ecKey), NOW)
                                .toCompletableFuture()
                                .join());
            }
        }

        @Test
        void theStoreIsAskedOnlyAboutProofsThatPassedEveryOtherCheck() {
            AtomicReference<ProofReplayKey> asked = new AtomicReference<>();
            DpopProofVerifier watching = new DpopProofVerifier(
                    new ProofRules(ALGORITHMS, MAX_AGE, LEEWAY),
                    (key, ttl) -> {
                        asked.set(key);
                        return CompletableFuture.completedFuture(ProofReplayStore.Use.FIRST);
                    },
                    new JwsReader());
            watching.verify(factoryProof(), "GET", URI, TOKEN + "x", jkt(ecKey), NOW)
                    .toCompletableFuture()
                    .join();
            assertEquals(null, asked.get());
        }
    }
}
