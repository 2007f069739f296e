package com.example.resourceserver.auth.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestConfigurations;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TestPipeline;
import com.example.resourceserver.auth.testing.TokenMint;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.caller.Scope;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One pipeline, two issuers with different profiles: each token meets its own issuer's rules and mapping. */
class ProfilesPerIssuerTest {

    static final String GENERIC = "https://generic.example/";
    static final String COGNITO = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ex";

    static JwksServer jwks;
    static RSAKey key;
    static ExecutorService executor;
    static TestPipeline pipeline;

    @BeforeAll
    static void start() {
        key = TestKeys.rsa("k");
        jwks = JwksServer.start().publish(key);
        executor = Executors.newCachedThreadPool();
        String keys = jwks.jwksUri().toString();
        Map<String, String> properties = Map.of(
                "auth.issuers.generic.issuer",
                GENERIC,
                "auth.issuers.generic.audience",
                "api",
                "auth.issuers.generic.jwks-uri",
                keys,
                "auth.issuers.pool.issuer",
                COGNITO,
                "auth.issuers.pool.jwks-uri",
                keys,
                "auth.issuers.pool.provider",
                "cognito",
                "auth.issuers.pool.allowed-client-ids",
                "client-a",
                "auth.issuers.pool.scope-prefix",
                "messages-api");
        pipeline = TestPipeline.start(TestConfigurations.resolve(new AuthSettings(), properties), executor);
    }

    @AfterAll
    static void stop() throws IOException {
        pipeline.close();
        jwks.close();
        executor.shutdownNow();
    }

    static AuthResult<VerifiedToken> verify(TokenMint.Token token) {
        return pipeline.bearer(token.sign());
    }

    static TokenMint.Token cognitoAccessToken() {
        return new TokenMint(key, COGNITO, "unused")
                .token()
                .claim("aud", null)
                .claim("token_use", "access")
                .claim("client_id", "client-a")
                .claim("scope", "messages-api/read:messages");
    }

    @Test
    void aCognitoAccessTokenPassesItsIssuersRulesAndMapping() {
        Caller caller = assertInstanceOf(AuthResult.Authenticated.class, verify(cognitoAccessToken()))
                .token()
                .caller();
        assertEquals(Set.of(Scope.of("read:messages")), caller.grantedScopes());
    }

    @Test
    void theSameShapeFromTheGenericIssuerNeedsAud() {
        TokenMint.Token token = new TokenMint(key, GENERIC, "unused")
                .token()
                .claim("aud", null)
                .claim("token_use", "access")
                .claim("client_id", "client-a");
        assertEquals(
                Reason.MISSING_CLAIM,
                assertInstanceOf(AuthResult.Refused.class, verify(token))
                        .failure()
                        .reason());
    }

    @Test
    void theGenericIssuersTokensKeepTodaysRules() {
        Caller caller = assertInstanceOf(
                        AuthResult.Authenticated.class,
                        verify(new TokenMint(key, GENERIC, "api").token().claim("scope", "messages-api/read:messages")))
                .token()
                .caller();
        assertEquals(Set.of(Scope.of("messages-api/read:messages")), caller.grantedScopes());
    }

    @Test
    void aCognitoIdTokenIsRefusedByTheCognitoIssuer() {
        TokenMint.Token idToken = cognitoAccessToken()
                .claim("token_use", "id")
                .claim("client_id", null)
                .claim("aud", "client-a");
        assertEquals(
                Reason.INVALID_CLAIM,
                assertInstanceOf(AuthResult.Refused.class, verify(idToken))
                        .failure()
                        .reason());
    }
}
