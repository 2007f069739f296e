package com.example.resourceserver.auth.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.config.VerificationPolicy;
import com.example.resourceserver.auth.introspection.IntrospectionObserver;
import com.example.resourceserver.auth.issuer.Issuers;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.pipeline.VerdictCache.Verdict;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestConfigurations;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.caller.Scope;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule of "What a valid access token means", checked against a key set served over real HTTP,
 * with the exact reason each bad token is refused for.
 */
class JwtVouchingTest {

    static final String ISSUER = "https://issuer.example/";
    static final String AUDIENCE = "https://api.example/";

    static JwksServer jwks;
    static RSAKey key;
    static RSAKey otherKey;
    static ECKey ecKey;
    static ExecutorService executor;

    TokenMint mint;
    TestVerifier verifier;

    /**
     * The pipeline's token step over one issuer's key set, fetching keys when needed as the request path does
     * off the event loop; without verdict caches, so that every token is verified in full.
     */
    record TestVerifier(Issuers issuers, TokenVouching<VerifiedToken> vouching, VerificationPolicy policy)
            implements AutoCloseable {
        Verdict<VerifiedToken> verify(String token) {
            return vouching.vouch(token).join();
        }

        @Override
        public void close() throws IOException {
            issuers.close();
        }
    }

    @BeforeAll
    static void startIdentityProvider() {
        key = TestKeys.rsa("key-1");
        otherKey = TestKeys.rsa("key-1"); // same kid, different key material
        ecKey = TestKeys.ec("ec-1");
        jwks = JwksServer.start().publish(key, ecKey);
        executor = Executors.newCachedThreadPool();
    }

    @AfterAll
    static void stopIdentityProvider() {
        jwks.close();
        executor.shutdownNow();
    }

    @BeforeEach
    void newVerifier() {
        mint = new TokenMint(key, ISSUER, AUDIENCE);
        verifier = verifier(new AuthSettings());
    }

    @AfterEach
    void closeVerifier() throws IOException {
        verifier.close();
    }

    TestVerifier verifier(AuthSettings settings) {
        AuthConfiguration configuration = TestConfigurations.trusting(settings, ISSUER, AUDIENCE, jwks.jwksUri());
        return verifier(configuration);
    }

    static TestVerifier verifier(AuthConfiguration configuration) {
        JwsReader reader = new JwsReader();
        Issuers issuers = TestConfigurations.start(configuration, reader, executor);
        TokenVouching<VerifiedToken> vouching = new TokenVouching<>(
                issuers,
                reader,
                configuration.policy(),
                Optional.empty(),
                new VerdictCache<>(1, 1, Duration.ofSeconds(1), Duration.ZERO, Clock.systemUTC()),
                token -> token,
                executor,
                configuration.jwks().getFetchTimeout(),
                configuration.introspection().getMaxTokenLength(),
                IntrospectionObserver.NONE);
        return new TestVerifier(issuers, vouching, configuration.policy());
    }

    Reason reasonFor(String token) {
        Verdict<VerifiedToken> verification = verifier.verify(token);
        return assertInstanceOf(Verdict.Refused.class, verification, "expected a rejection")
                .failure()
                .reason();
    }

    Caller callerOf(String token) {
        return assertInstanceOf(Verdict.Accepted.class, verifier.verify(token))
                .token()
                .caller();
    }

    static long now() {
        return Instant.now().getEpochSecond();
    }

    @Test
    void aValidTokenYieldsItsSubjectAndScopes() {
        Caller caller = callerOf(mint.token()
                .claim("sub", "auth0|123")
                .claim("scope", "read:messages openid")
                .sign());
        assertEquals("auth0|123", caller.subject());
        assertEquals(Set.of(Scope.of("read:messages"), Scope.of("openid")), caller.grantedScopes());
    }

    @Test
    void verifiedTokenKnowsItsExpiryAndKey() {
        long exp = now() + 120;
        var verified = assertInstanceOf(
                Verdict.Accepted.class,
                verifier.verify(mint.token().claim("exp", exp).sign()));
        assertEquals(Instant.ofEpochSecond(exp), verified.token().expiresAt());
        assertEquals("key-1", verified.token().key().getKeyID());
        assertEquals(ISSUER, verified.token().issuer().definition().issuer());
    }

    @Test
    void clientCredentialsTokensWithoutSubUseTheClient() {
        assertEquals(
                "my-client",
                callerOf(mint.token()
                                .claim("sub", null)
                                .claim("client_id", "my-client")
                                .sign())
                        .subject());
    }

    // --- time ---------------------------------------------------------------------------------------

    @Test
    void expiredBeyondLeeway() {
        assertEquals(
                Reason.EXPIRED, reasonFor(mint.token().claim("exp", now() - 70).sign()));
    }

    @Test
    void expiredWithinLeewayIsStillAccepted() {
        callerOf(mint.token().claim("exp", now() - 50).sign());
    }

    @Test
    void leewayIsConfigurable() throws IOException {
        AuthSettings strict = new AuthSettings();
        strict.setLeeway("0s");
        verifier.close();
        verifier = verifier(strict);
        assertEquals(
                Reason.EXPIRED, reasonFor(mint.token().claim("exp", now() - 2).sign()));
        callerOf(mint.token().claim("exp", now() + 30).sign());
    }

    @Test
    void missingExpIsRefused() {
        assertEquals(
                Reason.MISSING_CLAIM, reasonFor(mint.token().claim("exp", null).sign()));
    }

    @Test
    void notBeforeInTheFutureBeyondLeeway() {
        assertEquals(
                Reason.NOT_YET_VALID,
                reasonFor(mint.token().claim("nbf", now() + 70).sign()));
        callerOf(mint.token().claim("nbf", now() + 50).sign());
    }

    @Test
    void issuedInTheFutureBeyondLeeway() {
        assertEquals(
                Reason.ISSUED_IN_FUTURE,
                reasonFor(mint.token().claim("iat", now() + 3600).sign()));
        callerOf(mint.token().claim("iat", now() + 50).sign());
    }

    @Test
    void timeClaimsMustBeSaneNumbers() {
        assertEquals(
                Reason.INVALID_CLAIM,
                reasonFor(mint.token().claim("exp", String.valueOf(now() + 300)).sign()));
        assertEquals(
                Reason.INVALID_CLAIM, reasonFor(mint.token().claim("exp", true).sign()));
        assertEquals(
                Reason.INVALID_CLAIM, reasonFor(mint.token().claim("nbf", 1e300).sign()));
        // 2^62 seconds overflows milliseconds: libraries have turned such an nbf into a date in 1969.
        assertEquals(
                Reason.INVALID_CLAIM,
                reasonFor(mint.token().claim("nbf", 4611686018427387904L).sign()));
        assertEquals(
                Reason.INVALID_CLAIM,
                reasonFor(mint.token().claim("exp", Long.MAX_VALUE).sign()));
        assertEquals(
                Reason.INVALID_CLAIM, reasonFor(mint.token().claim("iat", -1).sign()));
        callerOf(mint.token().claim("exp", now() + 300.5).sign()); // NumericDate may have a fraction
    }

    @Test
    void nonFiniteNumbersInRawJsonAreRefused() {
        String payload = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUDIENCE + "\",\"sub\":\"u\",\"exp\":NaN}";
        Reason reason = reasonFor(mint.token().signRaw(mint.token().headerJson(), payload));
        assertEquals(true, reason == Reason.INVALID_CLAIM || reason == Reason.MALFORMED, reason.name());
    }

    // --- issuer and audience ------------------------------------------------------------------------

    @Test
    void issuerMustMatchCharacterForCharacter() {
        assertEquals(
                Reason.UNTRUSTED_ISSUER,
                reasonFor(mint.token().claim("iss", "https://issuer.example").sign()));
        assertEquals(
                Reason.UNTRUSTED_ISSUER,
                reasonFor(mint.token().claim("iss", "https://ISSUER.example/").sign()));
        assertEquals(
                Reason.UNTRUSTED_ISSUER,
                reasonFor(mint.token().claim("iss", "http://issuer.example/").sign()));
        assertEquals(
                Reason.UNTRUSTED_ISSUER,
                reasonFor(mint.token().claim("iss", "https://evil.example/").sign()));
        assertEquals(
                Reason.MISSING_CLAIM, reasonFor(mint.token().claim("iss", null).sign()));
        assertEquals(
                Reason.INVALID_CLAIM, reasonFor(mint.token().claim("iss", 42).sign()));
    }

    @Test
    void audienceAsStringOrArrayContainingTheApi() {
        callerOf(mint.token().claim("aud", AUDIENCE).sign());
        callerOf(mint.token().claim("aud", List.of("https://other/", AUDIENCE)).sign());
        assertEquals(
                Reason.WRONG_AUDIENCE,
                reasonFor(mint.token().claim("aud", "https://other/").sign()));
        assertEquals(
                Reason.WRONG_AUDIENCE,
                reasonFor(mint.token().claim("aud", List.of("https://other/")).sign()));
        assertEquals(
                Reason.WRONG_AUDIENCE,
                reasonFor(mint.token().claim("aud", "https://api.example").sign()));
        assertEquals(
                Reason.MISSING_CLAIM, reasonFor(mint.token().claim("aud", null).sign()));
        assertEquals(
                Reason.MISSING_CLAIM,
                reasonFor(mint.token().claim("aud", List.of()).sign()));
        assertEquals(
                Reason.INVALID_CLAIM,
                reasonFor(mint.token().claim("aud", List.of(AUDIENCE, 7)).sign()));
    }

    // --- algorithms and signatures ------------------------------------------------------------------

    @Test
    void unsignedTokensAreRefused() {
        assertEquals(Reason.DISALLOWED_ALGORITHM, reasonFor(TokenMint.unsigned(ISSUER, AUDIENCE)));
        assertEquals(Reason.DISALLOWED_ALGORITHM, reasonFor(TokenMint.unsigned(ISSUER, AUDIENCE) + "c2ln"));
    }

    @Test
    void hmacWithThePublicKeyAsSecretIsRefused() throws Exception {
        byte[] publicKeyBytes = key.toRSAPublicKey().getEncoded();
        assertEquals(
                Reason.DISALLOWED_ALGORITHM,
                reasonFor(mint.token()
                        .header("alg", "HS256")
                        .hmacSecret(publicKeyBytes)
                        .sign()));
    }

    @Test
    void algorithmsOutsideTheAllowListAreRefusedEvenWithAGoodSignature() {
        assertEquals(
                Reason.DISALLOWED_ALGORITHM,
                reasonFor(mint.token().header("alg", "RS512").sign()));
        assertEquals(
                Reason.DISALLOWED_ALGORITHM,
                reasonFor(mint.token().header("alg", "PS256").sign()));
        assertEquals(
                Reason.DISALLOWED_ALGORITHM,
                reasonFor(new TokenMint(ecKey, ISSUER, AUDIENCE).token().sign()));
    }

    @Test
    void allowedAlgorithmsAreConfigurable() throws IOException {
        AuthSettings settings = new AuthSettings();
        settings.setAlgorithms("RS256,PS256,ES256");
        verifier.close();
        verifier = verifier(settings);
        callerOf(mint.token().header("alg", "PS256").sign());
        callerOf(new TokenMint(ecKey, ISSUER, AUDIENCE).token().sign());
        assertEquals(
                Reason.DISALLOWED_ALGORITHM,
                reasonFor(mint.token().header("alg", "RS384").sign()));
    }

    @Test
    void aJwkWhoseOwnAlgDisagreesIsNotUsed() throws IOException {
        RSAKey restricted = TestKeys.rsa("restricted", JWSAlgorithm.RS512);
        jwks.publish(key, ecKey, restricted);
        try {
            assertEquals(
                    Reason.UNKNOWN_KEY,
                    reasonFor(
                            new TokenMint(restricted, ISSUER, AUDIENCE).token().sign()));
        } finally {
            jwks.publish(key, ecKey);
        }
    }

    @Test
    void unknownKid() {
        assertEquals(
                Reason.UNKNOWN_KEY,
                reasonFor(mint.token().header("kid", "no-such-key").sign()));
    }

    @Test
    void tamperedPayload() {
        String token = mint.valid("");
        String[] parts = token.split("\\.");
        String forged = Base64URL.encode(
                        mint.token().claim("scope", "read:messages").claimsJson())
                .toString();
        assertEquals(Reason.BAD_SIGNATURE, reasonFor(parts[0] + "." + forged + "." + parts[2]));
    }

    @Test
    void wrongKeyWithTheRightKid() {
        assertEquals(
                Reason.BAD_SIGNATURE,
                reasonFor(mint.token().signedWith(otherKey).sign()));
    }

    @Test
    void embeddedKeysAndKeyUrlsAreNeverTrusted() throws Exception {
        RSAKey attacker = TestKeys.rsa("attacker");
        String jku = jwks.url("/attacker/jwks.json");
        assertEquals(
                Reason.UNKNOWN_KEY,
                reasonFor(mint.token()
                        .header("kid", "attacker")
                        .header("jwk", attacker.toPublicJWK().toJSONObject())
                        .signedWith(attacker)
                        .sign()));
        assertEquals(
                Reason.UNKNOWN_KEY,
                reasonFor(mint.token()
                        .header("kid", "attacker")
                        .header("jku", jku)
                        .signedWith(attacker)
                        .sign()));
        assertEquals(
                Reason.UNKNOWN_KEY,
                reasonFor(mint.token()
                        .header("kid", "attacker")
                        .header("x5u", jku)
                        .signedWith(attacker)
                        .sign()));
        // With the published kid but the attacker's key embedded, the signature still fails.
        assertEquals(
                Reason.BAD_SIGNATURE,
                reasonFor(mint.token()
                        .header("jwk", attacker.toPublicJWK().toJSONObject())
                        .signedWith(attacker)
                        .sign()));
        assertEquals(0, jwks.requests("/attacker/jwks.json"), "a jku/x5u URL must never be fetched");
    }

    @Test
    void x5cHeaderIsIgnoredForKeySelection() {
        // A syntactically plausible but bogus chain: never parsed for trust, the kid decides.
        String token = mint.token()
                .header("x5c", List.of("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"))
                .sign();
        callerOf(token);
        assertEquals(
                Reason.UNKNOWN_KEY,
                reasonFor(mint.token()
                        .header("kid", "attacker")
                        .header("x5c", List.of("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"))
                        .sign()));
    }

    @Test
    void unknownCriticalHeaderIsRefused() {
        assertEquals(
                Reason.UNSUPPORTED_CRITICAL_HEADER,
                reasonFor(mint.token()
                        .header("crit", List.of("exp-policy"))
                        .header("exp-policy", "x")
                        .sign()));
        assertEquals(
                Reason.UNSUPPORTED_CRITICAL_HEADER,
                reasonFor(mint.token()
                        .header("crit", List.of("b64"))
                        .header("b64", true)
                        .sign()));
    }

    // --- typ ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"JWT", "jwt", "at+jwt", "application/at+jwt", "AT+JWT"})
    void acceptedTypes(String typ) {
        callerOf(mint.token().header("typ", typ).sign());
    }

    @Test
    void absentTypIsAcceptedByDefault() {
        callerOf(mint.token().header("typ", null).sign());
    }

    @ParameterizedTest
    @ValueSource(strings = {"JOSE", "id_token+jwt", "dpop+jwt", "logout+jwt", "secevent+jwt"})
    void otherTypesAreRefused(String typ) {
        assertEquals(
                Reason.DISALLOWED_TYPE,
                reasonFor(mint.token().header("typ", typ).sign()));
    }

    @Test
    void rfc9068ModeAcceptsOnlyAtJwt() throws IOException {
        AuthSettings settings = new AuthSettings();
        settings.setRequireAtJwtType(true);
        verifier.close();
        verifier = verifier(settings);
        callerOf(mint.token().header("typ", "at+jwt").sign());
        callerOf(mint.token().header("typ", "application/at+jwt").sign());
        assertEquals(
                Reason.DISALLOWED_TYPE,
                reasonFor(mint.token().header("typ", "JWT").sign()));
        assertEquals(
                Reason.DISALLOWED_TYPE,
                reasonFor(mint.token().header("typ", null).sign()));
    }

    // --- shape --------------------------------------------------------------------------------------

    @Test
    void illegalBase64UrlCharactersAreRefusedEvenInTheSignature() {
        String token = mint.valid("read:messages");
        int lastDot = token.lastIndexOf('.');
        String signature = token.substring(lastDot + 1);
        // Nimbus's decoder would skip these characters; the token must not verify anyway.
        for (String junk : List.of("!", "+", "/", "=", " ", "*", "\u00e9")) {
            String spoiled =
                    token.substring(0, lastDot + 1) + signature.substring(0, 10) + junk + signature.substring(10);
            assertEquals(Reason.MALFORMED, reasonFor(spoiled), "junk " + junk);
        }
        assertEquals(Reason.MALFORMED, reasonFor(token + "=="));
    }

    @Test
    void wrongNumberOfSegments() {
        String token = mint.valid("");
        String[] parts = token.split("\\.");
        assertEquals(Reason.MALFORMED, reasonFor(parts[0] + "." + parts[1]));
        assertEquals(Reason.MALFORMED, reasonFor(token + "." + parts[2]));
        assertEquals(Reason.MALFORMED, reasonFor(token + "." + parts[2] + "." + parts[2]));
        assertEquals(Reason.MALFORMED, reasonFor(""));
        assertEquals(Reason.MALFORMED, reasonFor("not-a-token"));
    }

    @Test
    void nonJsonHeaderOrPayload() {
        var token = mint.token();
        assertEquals(Reason.MALFORMED, reasonFor(token.signRaw("not json", token.claimsJson())));
        assertEquals(Reason.MALFORMED, reasonFor(token.signRaw(token.headerJson(), "not json")));
        assertEquals(Reason.MALFORMED, reasonFor(token.signRaw(token.headerJson(), "[1,2,3]")));
        assertEquals(Reason.MALFORMED, reasonFor(token.signRaw("[]", token.claimsJson())));
        assertEquals(
                Reason.MALFORMED, reasonFor(token.signRaw("{\"alg\":\"RS256\",\"alg\":\"none\"}", token.claimsJson())));
    }

    @Test
    void theJsonLiteralNullAsHeaderOrPayloadIsMalformed() {
        // Once a NullPointerException logged at ERROR with a stack trace, before any signature check.
        var token = mint.token();
        assertEquals(Reason.MALFORMED, reasonFor(token.signRaw("null", token.claimsJson())));
        assertEquals(Reason.MALFORMED, reasonFor(token.signRaw(token.headerJson(), "null")));
        assertEquals(Reason.MALFORMED, reasonFor(token.signRaw(token.headerJson(), token.claimsJson() + " {}")));
    }

    @Test
    void aRepeatedMemberInANestedObjectIsMalformed() {
        // Nimbus's parser kept the last of two cnf.jkt; two readers of one token must not see two bindings.
        var token = mint.token();
        String payload = token.claimsJson().replaceFirst("\\{", "{\"cnf\":{\"jkt\":\"a\",\"jkt\":\"b\"},");
        assertEquals(Reason.MALFORMED, reasonFor(token.signRaw(token.headerJson(), payload)));
    }

    @Test
    void deeplyNestedJsonIsRefusedNotFatal() {
        var token = mint.token();
        String nested = "[".repeat(5000) + "]".repeat(5000);
        String payload = token.claimsJson().replaceFirst("\\{", "{\"deep\":" + nested + ",");
        AuthSettings settings = new AuthSettings();
        settings.setMaxTokenLength(64 * 1024);
        Reason reason;
        try (TestVerifier big = verifier(settings)) {
            var verification = big.verify(token.signRaw(token.headerJson(), payload));
            // Refused by the JSON reader's depth bound, never an exception.
            reason = assertInstanceOf(Verdict.Refused.class, verification)
                    .failure()
                    .reason();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(Reason.MALFORMED, reason);
    }

    @Test
    void tooLongTokensAreRefusedBeforeParsing() {
        AuthSettings settings = new AuthSettings();
        String token = mint.token()
                .claim("padding", "x".repeat(settings.getMaxTokenLength()))
                .sign();
        assertEquals(Reason.MALFORMED, reasonFor(token));
    }

    @Test
    void scopeMatchingIsExact() {
        Set<Scope> granted = callerOf(mint.token()
                        .claim("scope", "read:messages:all Read:Messages messages read:message")
                        .sign())
                .grantedScopes();
        assertEquals(
                Set.of(
                        Scope.of("read:messages:all"),
                        Scope.of("Read:Messages"),
                        Scope.of("messages"),
                        Scope.of("read:message")),
                granted);
        assertEquals(false, granted.contains(Scope.of("read:messages")));
    }

    @Test
    void scopesFromScpAndPermissions() {
        assertEquals(
                Set.of(Scope.of("read:messages")),
                callerOf(mint.token().claim("scp", "read:messages").sign()).grantedScopes());
        assertEquals(
                Set.of(Scope.of("read:messages"), Scope.of("b")),
                callerOf(mint.token()
                                .claim("scp", List.of("read:messages", "b"))
                                .sign())
                        .grantedScopes());
        assertEquals(
                Set.of(Scope.of("read:messages")),
                callerOf(mint.token()
                                .claim("permissions", List.of("read:messages"))
                                .sign())
                        .grantedScopes());
    }

    @Test
    void rejectsNothingWhenManyValidTokensArriveConcurrently() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tokens.add(mint.token().claim("sub", "user-" + i).sign());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var futures = tokens.stream()
                    .map(t -> pool.submit(() -> verifier.verify(t)))
                    .toList();
            for (int i = 0; i < futures.size(); i++) {
                var verified =
                        assertInstanceOf(Verdict.Accepted.class, futures.get(i).get());
                assertEquals("user-" + i, verified.token().caller().subject());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void claimsAreExposedReadOnly() {
        var verified = assertInstanceOf(
                Verdict.Accepted.class,
                verifier.verify(mint.token().claim("tenant", "t1").sign()));
        Map<String, Object> claims = verified.token().claims();
        assertEquals("t1", claims.get("tenant"));
        org.junit.jupiter.api.Assertions.assertThrows(UnsupportedOperationException.class, () -> claims.put("x", 1));
    }

    @Test
    void leewayDefaultIsSixtySeconds() {
        assertEquals(Duration.ofSeconds(60), verifier.policy().leeway());
    }
}
