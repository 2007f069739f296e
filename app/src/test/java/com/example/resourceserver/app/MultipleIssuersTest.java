package com.example.resourceserver.app;

import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Several issuers at once through application properties, each with its own audience and keys. */
class MultipleIssuersTest {

    static JwksServer first;
    static JwksServer second;
    static RSAKey firstKey;
    static RSAKey secondKey;
    static ServiceUnderTest service;

    @BeforeAll
    static void start() {
        firstKey = TestKeys.rsa("shared-kid");
        secondKey = TestKeys.rsa("shared-kid"); // same kid on purpose: keys are looked up per issuer
        first = JwksServer.start().publish(firstKey);
        second = JwksServer.start().publish(secondKey);
        service = ServiceUnderTest.start(Map.of(
                "auth.issuers.first.issuer", first.baseUrl(),
                "auth.issuers.first.audience", "https://first-api/",
                "auth.issuers.second.issuer", second.baseUrl(),
                "auth.issuers.second.audience", "https://second-api/",
                "auth.issuers.second.jwks-uri", second.jwksUri().toString()));
    }

    @AfterAll
    static void stop() {
        service.close();
        first.close();
        second.close();
    }

    int status(String token) {
        return service.getWithToken("/api/private-scoped", token).statusCode();
    }

    @Test
    void tokensFromEachIssuerAreAccepted() {
        assertEquals(200, status(new TokenMint(firstKey, first.baseUrl(), "https://first-api/").valid("read:messages")));
        assertEquals(200, status(new TokenMint(secondKey, second.baseUrl(), "https://second-api/").valid("read:messages")));
    }

    @Test
    void anIssuerCannotUseTheOtherIssuersAudience() {
        assertEquals(401, status(new TokenMint(firstKey, first.baseUrl(), "https://second-api/").valid("read:messages")));
        assertEquals(401, status(new TokenMint(secondKey, second.baseUrl(), "https://first-api/").valid("read:messages")));
    }

    @Test
    void anIssuerCannotSignForTheOther() {
        assertEquals(401, status(new TokenMint(firstKey, second.baseUrl(), "https://second-api/").valid("read:messages")));
    }
}
