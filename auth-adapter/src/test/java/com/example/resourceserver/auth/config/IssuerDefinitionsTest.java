package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The top-level AUTH_* entry and the auth.issuers.<name> entries take one path, each named in its own words. */
class IssuerDefinitionsTest {

    private final Typed typed = new Typed();

    private TrustedIssuer topLevel(boolean insecure) {
        return IssuerDefinitions.of(typed.topLevel(), insecure);
    }

    private String topLevelFailure() {
        return assertThrows(InvalidAuthConfigurationException.class, () -> topLevel(false))
                .getMessage();
    }

    private String partnerFailure() {
        return assertThrows(
                        InvalidAuthConfigurationException.class,
                        () -> IssuerDefinitions.of(typed.listedEntry("partner"), false))
                .getMessage();
    }

    @Test
    void genericIssuerWithoutJwksUriUsesDiscovery() {
        typed.set("auth.issuer", "https://login.example.com/realms/demo");
        typed.set("auth.audience", "messages-api");

        TrustedIssuer issuer = topLevel(false);

        assertEquals("default", issuer.name());
        assertEquals("https://login.example.com/realms/demo", issuer.issuer());
        assertEquals("messages-api", issuer.audience());
        assertEquals(new JwksLocation.Discovered("https://login.example.com/realms/demo"), issuer.jwks());
    }

    @Test
    void explicitJwksUriSkipsDiscovery() {
        typed.set("auth.issuer", "urn:example:issuer");
        typed.set("auth.audience", "messages-api");
        typed.set("auth.jwks-uri", "https://keys.example.com/jwks.json");

        assertEquals(
                new JwksLocation.Fixed(URI.create("https://keys.example.com/jwks.json")),
                topLevel(false).jwks());
    }

    @Test
    void valuesAreTrimmedAndBlankValuesCountAsUnset() {
        typed.set("auth.issuer", " https://login.example.com/ ");
        typed.set("auth.audience", " api ");
        typed.set("auth.jwks-uri", "  ");

        TrustedIssuer issuer = topLevel(false);

        assertEquals("https://login.example.com/", issuer.issuer());
        assertEquals("api", issuer.audience());
        assertEquals(new JwksLocation.Discovered("https://login.example.com/"), issuer.jwks());
    }

    @Test
    void withoutAnyTopLevelValueThereIsNoDefaultEntry() {
        assertTrue(typed.topLevel().isUnset());
        typed.set("auth.issuer", "  ");
        typed.set("auth.audience", "");
        assertTrue(typed.topLevel().isUnset());
        typed.set("auth.dpop.mode", "required").set("auth.introspection.uri", "https://x.example/introspect");
        assertTrue(typed.topLevel().isUnset(), "DPoP and introspection settings alone configure no issuer");
    }

    @Test
    void issuerWithoutAudienceNamesTheMissingVariable() {
        typed.set("auth.issuer", "https://login.example.com/");
        assertEquals(
                "AUTH_ISSUER is set but AUTH_AUDIENCE is missing: set AUTH_AUDIENCE to the API identifier "
                        + "your tokens carry in aud.",
                topLevelFailure());
    }

    @Test
    void audienceOrJwksWithoutIssuerNamesTheMissingVariable() {
        typed.set("auth.audience", "api");
        assertTrue(topLevelFailure().startsWith("AUTH_AUDIENCE is set but AUTH_ISSUER is missing"));
        typed.set("auth.audience", null);
        typed.set("auth.jwks-uri", "https://keys.example.com/jwks.json");
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
        typed.set("auth.issuer", issuer);
        typed.set("auth.audience", "api");
        String message = topLevelFailure();
        assertTrue(message.startsWith(expectedStart), message);
    }

    @Test
    void plainJwksUrlToAnotherHostIsRefusedUnlessInsecureIsAllowed() {
        typed.set("auth.issuer", "https://login.example.com/");
        typed.set("auth.audience", "api");
        typed.set("auth.jwks-uri", "http://keycloak.internal:8080/certs");
        assertTrue(topLevelFailure().startsWith("AUTH_JWKS_URI must use https"));

        assertEquals(
                new JwksLocation.Fixed(URI.create("http://keycloak.internal:8080/certs")),
                topLevel(true).jwks());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"http://127.0.0.1:8180/realms/demo", "http://localhost:8180/realms/demo", "http://[::1]:8180/x"})
    void plainHttpToLoopbackIsAllowedForDevelopmentAndTests(String issuer) {
        typed.set("auth.issuer", issuer);
        typed.set("auth.audience", "api");
        assertEquals(issuer, topLevel(false).issuer());
    }

    @Test
    void aNamedEntryBecomesAnIssuerOfItsName() {
        typed.listed("partner", "issuer", "https://b.example.com");
        typed.listed("partner", "audience", "api-b");
        typed.listed("partner", "jwks-uri", "https://b.example.com/keys");

        assertEquals(
                new TrustedIssuer(
                        "partner",
                        "https://b.example.com",
                        "api-b",
                        new JwksLocation.Fixed(URI.create("https://b.example.com/keys"))),
                IssuerDefinitions.of(typed.listedEntry("partner"), false));
    }

    @Test
    void aNamedIssuerNeedsIssuerAndAudience() {
        typed.listed("partner", "issuer", "https://b.example.com");
        assertEquals(
                "auth.issuers.partner.audience is missing: every entry under auth.issuers needs an issuer "
                        + "and an audience.",
                partnerFailure());

        typed.listed("partner", "issuer", null);
        typed.listed("partner", "audience", "api-b");
        assertEquals(
                "auth.issuers.partner.issuer is missing: every entry under auth.issuers needs an issuer "
                        + "and an audience.",
                partnerFailure());

        typed.listed("partner", "audience", null);
        assertTrue(partnerFailure().startsWith("auth.issuers.partner.issuer is missing"));
    }

    @Test
    void aNamedEntryIsHeldToTheSameUrlRulesUnderItsOwnNames() {
        typed.listed("partner", "issuer", "http://b.example.com/");
        typed.listed("partner", "audience", "api-b");
        assertEquals(
                "auth.issuers.partner.issuer must use https (plain http is allowed only to loopback hosts, "
                        + "or anywhere with AUTH_INSECURE_ALLOW_HTTP=true).",
                partnerFailure());

        typed.listed("partner", "issuer", "https://b.example.com/");
        typed.listed("partner", "jwks-uri", "file:///etc/passwd");
        assertEquals("auth.issuers.partner.jwks-uri must be an absolute https URL with a host.", partnerFailure());
    }
}
