package com.example.resourceserver.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.example.resourceserver.auth.testing.TokenMint;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several issuers at once through application properties, each with its own audience and keys. */
class MultipleIssuersTest {

    @RegisterExtension
    static final TestIdentityProvider first =
            TestIdentityProvider.withKey("shared-kid").audience("https://first-api/");
    // Same kid on purpose: keys are looked up per issuer.
    @RegisterExtension
    static final TestIdentityProvider second =
            TestIdentityProvider.withKey("shared-kid").audience("https://second-api/");

    static ServiceUnderTest service;

    @BeforeAll
    static void start() {
        service = ServiceUnderTest.start(Map.of(
                "auth.issuers.first.issuer", first.issuer(),
                "auth.issuers.first.audience", first.audience(),
                "auth.issuers.second.issuer", second.issuer(),
                "auth.issuers.second.audience", second.audience(),
                "auth.issuers.second.jwks-uri", second.jwksUri().toString()));
    }

    @AfterAll
    static void stop() {
        service.close(); // before the identity providers stop
    }

    @Test
    void tokensFromEachIssuerAreAccepted() {
        assertEquals(200, service.statusWithToken("/api/private-scoped", first.valid("read:messages")));
        assertEquals(200, service.statusWithToken("/api/private-scoped", second.valid("read:messages")));
    }

    @Test
    void anIssuerCannotUseTheOtherIssuersAudience() {
        assertEquals(
                401,
                service.statusWithToken(
                        "/api/private-scoped",
                        new TokenMint(first.key(), first.issuer(), second.audience()).valid("read:messages")));
        assertEquals(
                401,
                service.statusWithToken(
                        "/api/private-scoped",
                        new TokenMint(second.key(), second.issuer(), first.audience()).valid("read:messages")));
    }

    @Test
    void anIssuerCannotSignForTheOther() {
        assertEquals(
                401,
                service.statusWithToken(
                        "/api/private-scoped", second.mint(first.key()).valid("read:messages")));
    }
}
