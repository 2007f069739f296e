package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The top-level AUTH_* entry and the auth.issuers.<name> entries take one path, each named in its own words. */
class IssuerEntryTest {

    private final AuthSettings auth = new AuthSettings();
    private final NamedIssuerSettings partner = new NamedIssuerSettings("partner");

    private TrustedIssuer topLevel(boolean insecure) {
        return auth.defaultIssuer().orElseThrow().trustedIssuer(insecure);
    }

    private String topLevelFailure() {
        return assertThrows(InvalidAuthConfigurationException.class, () -> topLevel(false))
                .getMessage();
    }

    private String partnerFailure() {
        return assertThrows(
                        InvalidAuthConfigurationException.class,
                        () -> partner.entry().trustedIssuer(false))
                .getMessage();
    }

    @Test
    void genericIssuerWithoutJwksUriUsesDiscovery() {
        auth.setIssuer("https://login.example.com/realms/demo");
        auth.setAudience("messages-api");

        TrustedIssuer issuer = topLevel(false);

        assertEquals("default", issuer.name());
        assertEquals("https://login.example.com/realms/demo", issuer.issuer());
        assertEquals("messages-api", issuer.audience());
        assertEquals(new JwksLocation.Discovered("https://login.example.com/realms/demo"), issuer.jwks());
    }

    @Test
    void explicitJwksUriSkipsDiscovery() {
        auth.setIssuer("urn:example:issuer");
        auth.setAudience("messages-api");
        auth.setJwksUri("https://keys.example.com/jwks.json");

        assertEquals(
                new JwksLocation.Fixed(URI.create("https://keys.example.com/jwks.json")),
                topLevel(false).jwks());
    }

    @Test
    void valuesAreTrimmedAndBlankValuesCountAsUnset() {
        auth.setIssuer(" https://login.example.com/ ");
        auth.setAudience(" api ");
        auth.setJwksUri("  ");

        TrustedIssuer issuer = topLevel(false);

        assertEquals("https://login.example.com/", issuer.issuer());
        assertEquals("api", issuer.audience());
        assertEquals(new JwksLocation.Discovered("https://login.example.com/"), issuer.jwks());
    }

    @Test
    void withoutAnyTopLevelValueThereIsNoDefaultEntry() {
        assertEquals(Optional.empty(), auth.defaultIssuer());
        auth.setIssuer("  ");
        auth.setAudience("");
        assertEquals(Optional.empty(), auth.defaultIssuer());
    }

    @Test
    void issuerWithoutAudienceNamesTheMissingVariable() {
        auth.setIssuer("https://login.example.com/");
        assertEquals(
                "AUTH_ISSUER is set but AUTH_AUDIENCE is missing: set AUTH_AUDIENCE to the API identifier "
                        + "your tokens carry in aud.",
                topLevelFailure());
    }

    @Test
    void audienceOrJwksWithoutIssuerNamesTheMissingVariable() {
        auth.setAudience("api");
        assertTrue(topLevelFailure().startsWith("AUTH_AUDIENCE is set but AUTH_ISSUER is missing"));
        auth.setAudience(null);
        auth.setJwksUri("https://keys.example.com/jwks.json");
        assertEquals(
                "AUTH_JWKS_URI is set but AUTH_ISSUER is missing: set AUTH_ISSUER to the exact iss value "
                        + "of your tokens.",
                topLevelFailure());
    }

    @ParameterizedTest
    @CsvSource({
        "http://login.example.com/, AUTH_ISSUER must use https",
        "ftp://login.example.com/, AUTH_ISSUER must use https",
        "file:///etc/passwd, AUTH_ISSUER must be an absolute https URL with a host",
        "https://user:pw@login.example.com/, AUTH_ISSUER must not contain user information",
    })
    void discoveryUrlsMustBeHttps(String issuer, String expectedStart) {
        auth.setIssuer(issuer);
        auth.setAudience("api");
        String message = topLevelFailure();
        assertTrue(message.startsWith(expectedStart), message);
    }

    @Test
    void plainJwksUrlToAnotherHostIsRefusedUnlessInsecureIsAllowed() {
        auth.setIssuer("https://login.example.com/");
        auth.setAudience("api");
        auth.setJwksUri("http://keycloak.internal:8080/certs");
        assertTrue(topLevelFailure().startsWith("AUTH_JWKS_URI must use https"));

        assertEquals(
                new JwksLocation.Fixed(URI.create("http://keycloak.internal:8080/certs")),
                topLevel(true).jwks());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"http://127.0.0.1:8180/realms/demo", "http://localhost:8180/realms/demo", "http://[::1]:8180/x"})
    void plainHttpToLoopbackIsAllowedForDevelopmentAndTests(String issuer) {
        auth.setIssuer(issuer);
        auth.setAudience("api");
        assertEquals(issuer, topLevel(false).issuer());
    }

    @Test
    void aNamedEntryBecomesAnIssuerOfItsName() {
        partner.setIssuer("https://b.example.com");
        partner.setAudience("api-b");
        partner.setJwksUri("https://b.example.com/keys");

        assertEquals(
                new TrustedIssuer(
                        "partner",
                        "https://b.example.com",
                        "api-b",
                        new JwksLocation.Fixed(URI.create("https://b.example.com/keys"))),
                partner.entry().trustedIssuer(false));
    }

    @Test
    void aNamedIssuerNeedsIssuerAndAudience() {
        partner.setIssuer("https://b.example.com");
        assertEquals(
                "auth.issuers.partner.audience is missing: every entry under auth.issuers needs an issuer "
                        + "and an audience.",
                partnerFailure());

        partner.setIssuer(null);
        partner.setAudience("api-b");
        assertEquals(
                "auth.issuers.partner.issuer is missing: every entry under auth.issuers needs an issuer "
                        + "and an audience.",
                partnerFailure());

        partner.setAudience(null);
        assertTrue(partnerFailure().startsWith("auth.issuers.partner.issuer is missing"));
    }

    @Test
    void aNamedEntryIsHeldToTheSameUrlRulesUnderItsOwnNames() {
        partner.setIssuer("http://b.example.com/");
        partner.setAudience("api-b");
        assertEquals(
                "auth.issuers.partner.issuer must use https (plain http is allowed only to loopback hosts, "
                        + "or anywhere with AUTH_INSECURE_ALLOW_HTTP=true).",
                partnerFailure());

        partner.setIssuer("https://b.example.com/");
        partner.setJwksUri("file:///etc/passwd");
        assertEquals("auth.issuers.partner.jwks-uri must be an absolute https URL with a host.", partnerFailure());
    }
}
