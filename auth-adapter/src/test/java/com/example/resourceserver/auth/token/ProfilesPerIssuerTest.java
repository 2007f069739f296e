package com.example.resourceserver.auth.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.Provider;
import com.example.resourceserver.auth.config.ProviderSettings;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.keys.KeyAccess;
import com.example.resourceserver.auth.keys.KeyFetchObserver;
import com.example.resourceserver.auth.keys.TrustedKeySets;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.caller.Scope;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One verifier, two issuers with different profiles: each token meets its own issuer's rules and mapping. */
class ProfilesPerIssuerTest {

    static final String GENERIC = "https://generic.example/";
    static final String COGNITO = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ex";

    static JwksServer jwks;
    static RSAKey key;
    static ExecutorService executor;
    static TrustedKeySets keySets;
    static AccessTokenVerifier verifier;

    @BeforeAll
    static void start() {
        key = TestKeys.rsa("k");
        jwks = JwksServer.start().publish(key);
        executor = Executors.newCachedThreadPool();
        JwksLocation keys = new JwksLocation.Fixed(jwks.jwksUri());
        List<TrustedIssuer> issuers = List.of(
                new TrustedIssuer("generic", GENERIC, "api", keys),
                new TrustedIssuer(
                        "pool",
                        COGNITO,
                        null,
                        keys,
                        new ProviderSettings(
                                Provider.COGNITO, Set.of("client-a"), "messages-api", Set.of(), Map.of())));
        AuthSettings settings = new AuthSettings();
        keySets = new TrustedKeySets(
                issuers, settings.getJwks(), false, Clock.systemUTC(), executor, KeyFetchObserver.NONE);
        // The glue's mapping in miniature: the Cognito issuer's prefix comes off.
        GrantedScopes mapping = (issuer, grants) -> GrantedScopes.AS_GRANTED.of(
                issuer,
                grants.stream()
                        .map(g ->
                                issuer.issuer().equals(COGNITO) && g.startsWith("messages-api/") ? g.substring(13) : g)
                        .collect(java.util.stream.Collectors.toSet()));
        verifier = new AccessTokenVerifier(keySets, settings.verificationPolicy(), Clock.systemUTC(), mapping);
    }

    @AfterAll
    static void stop() throws IOException {
        keySets.close();
        jwks.close();
        executor.shutdownNow();
    }

    static Verification verify(TokenMint.Token token) {
        return verifier.verify(token.sign(), KeyAccess.FETCH_IF_NEEDED);
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
        Caller caller = assertInstanceOf(Verification.Verified.class, verify(cognitoAccessToken()))
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
                assertInstanceOf(Verification.Rejected.class, verify(token))
                        .failure()
                        .reason());
    }

    @Test
    void theGenericIssuersTokensKeepTodaysRules() {
        Caller caller = assertInstanceOf(
                        Verification.Verified.class,
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
                assertInstanceOf(Verification.Rejected.class, verify(idToken))
                        .failure()
                        .reason());
    }
}
