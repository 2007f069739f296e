package com.example.resourceserver.auth.config;

import com.nimbusds.jose.JWSAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrustedIssuerResolverTest {

    private final AuthSettings auth = new AuthSettings();
    private final Auth0Settings auth0 = new Auth0Settings();

    private TrustedIssuerResolver.Resolved resolve() {
        return resolve("", List.of());
    }

    private TrustedIssuerResolver.Resolved resolve(String apiIdentifier, List<NamedIssuerSettings> named) {
        return TrustedIssuerResolver.resolve(auth, auth0, apiIdentifier, named, Optional.empty());
    }

    private String failure() {
        return assertThrows(InvalidAuthConfigurationException.class, this::resolve).getMessage();
    }

    @Test
    void auth0ShorthandDerivesIssuerWithTrailingSlashAndWellKnownJwks() {
        auth0.setDomain("tenant.eu.auth0.com");
        auth0.setAudience("https://api.example.com");

        TrustedIssuer issuer = resolve().issuers().get(0);

        assertEquals("https://tenant.eu.auth0.com/", issuer.issuer());
        assertEquals("https://api.example.com", issuer.audience());
        assertEquals(new JwksLocation.Fixed(URI.create("https://tenant.eu.auth0.com/.well-known/jwks.json")),
                issuer.jwks());
    }

    @Test
    void apiIdentifierIsTheQuickstartsAliasOfTheAuth0Audience() {
        auth0.setDomain("tenant.auth0.com");

        TrustedIssuer issuer = resolve("https://quickstarts/api", List.of()).issuers().get(0);

        assertEquals("https://quickstarts/api", issuer.audience());
        assertEquals("https://tenant.auth0.com/", issuer.issuer());
    }

    @Test
    void theSameAudienceUnderBothNamesIsFine() {
        auth0.setDomain("tenant.auth0.com");
        auth0.setAudience("https://quickstarts/api");
        assertEquals("https://quickstarts/api", resolve("https://quickstarts/api", List.of()).issuers().get(0).audience());
    }

    @Test
    void differentAudiencesUnderBothNamesStopStartup() {
        auth0.setDomain("tenant.auth0.com");
        auth0.setAudience("https://a");
        var e = assertThrows(InvalidAuthConfigurationException.class, () -> resolve("https://b", List.of()));
        assertTrue(e.getMessage().startsWith("AUTH0_AUDIENCE and API_IDENTIFIER are both set and differ"), e.getMessage());
    }

    @Test
    void auth0DomainWithoutAudienceNamesTheMissingVariable() {
        auth0.setDomain("tenant.auth0.com");
        assertTrue(failure().startsWith("AUTH0_DOMAIN is set but AUTH0_AUDIENCE is missing"));
    }

    @Test
    void auth0AudienceWithoutDomainNamesTheMissingVariable() {
        auth0.setAudience("https://api");
        assertTrue(failure().startsWith("AUTH0_AUDIENCE is set but AUTH0_DOMAIN is missing"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://tenant.auth0.com", "tenant.auth0.com/", "tenant", "ten ant.auth0.com"})
    void auth0DomainMustBeAHostName(String domain) {
        auth0.setDomain(domain);
        auth0.setAudience("https://api");
        assertTrue(failure().startsWith("AUTH0_DOMAIN must be a host name"));
    }

    @Test
    void genericIssuerWithoutJwksUriUsesDiscovery() {
        auth.setIssuer("https://login.example.com/realms/demo");
        auth.setAudience("messages-api");

        TrustedIssuer issuer = resolve().issuers().get(0);

        assertEquals("https://login.example.com/realms/demo", issuer.issuer());
        assertEquals(new JwksLocation.Discovered("https://login.example.com/realms/demo"), issuer.jwks());
    }

    @Test
    void explicitJwksUriSkipsDiscovery() {
        auth.setIssuer("urn:example:issuer");
        auth.setAudience("messages-api");
        auth.setJwksUri("https://keys.example.com/jwks.json");

        assertEquals(new JwksLocation.Fixed(URI.create("https://keys.example.com/jwks.json")),
                resolve().issuers().get(0).jwks());
    }

    @Test
    void issuerWithoutAudienceNamesTheMissingVariable() {
        auth.setIssuer("https://login.example.com/");
        assertTrue(failure().startsWith("AUTH_ISSUER is set but AUTH_AUDIENCE is missing"));
    }

    @Test
    void audienceOrJwksWithoutIssuerNamesTheMissingVariable() {
        auth.setAudience("api");
        assertTrue(failure().startsWith("AUTH_AUDIENCE is set but AUTH_ISSUER is missing"));
        auth.setAudience(null);
        auth.setJwksUri("https://keys.example.com/jwks.json");
        assertTrue(failure().startsWith("AUTH_JWKS_URI is set but AUTH_ISSUER is missing"));
    }

    @Test
    void auth0AndGenericTogetherAreContradictory() {
        auth0.setDomain("tenant.auth0.com");
        auth0.setAudience("https://api");
        auth.setIssuer("https://login.example.com/");
        auth.setAudience("api");
        assertTrue(failure().startsWith("Both AUTH0_DOMAIN and AUTH_ISSUER are set"));
    }

    @Test
    void nothingConfiguredSaysWhatToSet() {
        assertEquals("No token issuer is configured: set AUTH0_DOMAIN and AUTH0_AUDIENCE, or AUTH_ISSUER and "
                + "AUTH_AUDIENCE (or start with MICRONAUT_ENVIRONMENTS=dev for the local development issuer).", failure());
    }

    @Test
    void blankValuesCountAsUnset() {
        auth.setIssuer("  ");
        auth.setAudience("");
        assertTrue(failure().startsWith("No token issuer is configured"));
    }

    @Test
    void theDevelopmentIssuerIsUsedOnlyWhenNothingElseIsConfigured() {
        TrustedIssuer dev = new TrustedIssuer("dev", "https://dev-issuer.invalid/", "aud",
                new JwksLocation.Fixed(URI.create("http://localhost:8080/jwks")));
        assertEquals(List.of(dev),
                TrustedIssuerResolver.resolve(auth, auth0, "", List.of(), Optional.of(dev)).issuers());

        auth.setIssuer("https://login.example.com/");
        auth.setAudience("api");
        List<TrustedIssuer> issuers = TrustedIssuerResolver.resolve(auth, auth0, "", List.of(), Optional.of(dev)).issuers();
        assertEquals(1, issuers.size());
        assertEquals("https://login.example.com/", issuers.get(0).issuer());
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
        String message = failure();
        assertTrue(message.startsWith(expectedStart), message);
    }

    @Test
    void plainJwksUrlToAnotherHostStopsStartupUnlessInsecureIsAllowed() {
        auth.setIssuer("https://login.example.com/");
        auth.setAudience("api");
        auth.setJwksUri("http://keycloak.internal:8080/certs");
        assertTrue(failure().startsWith("AUTH_JWKS_URI must use https"));

        auth.setInsecureAllowHttp(true);
        assertEquals(new JwksLocation.Fixed(URI.create("http://keycloak.internal:8080/certs")),
                resolve().issuers().get(0).jwks());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8180/realms/demo", "http://localhost:8180/realms/demo", "http://[::1]:8180/x"})
    void plainHttpToLoopbackIsAllowedForDevelopmentAndTests(String issuer) {
        auth.setIssuer(issuer);
        auth.setAudience("api");
        assertEquals(issuer, resolve().issuers().get(0).issuer());
    }

    @Test
    void namedIssuersAddToTheConfiguredOne() {
        auth.setIssuer("https://a.example.com/");
        auth.setAudience("api-a");
        NamedIssuerSettings partner = new NamedIssuerSettings("partner");
        partner.setIssuer("https://b.example.com");
        partner.setAudience("api-b");
        partner.setJwksUri("https://b.example.com/keys");

        List<TrustedIssuer> issuers = resolve("", List.of(partner)).issuers();

        assertEquals(List.of("https://a.example.com/", "https://b.example.com"),
                issuers.stream().map(TrustedIssuer::issuer).toList());
        assertEquals("partner", issuers.get(1).name());
        assertEquals("api-b", issuers.get(1).audience());
    }

    @Test
    void aNamedIssuerNeedsIssuerAndAudience() {
        NamedIssuerSettings partner = new NamedIssuerSettings("partner");
        partner.setIssuer("https://b.example.com");
        var e = assertThrows(InvalidAuthConfigurationException.class, () -> resolve("", List.of(partner)));
        assertTrue(e.getMessage().startsWith("auth.issuers.partner.audience is missing"), e.getMessage());
    }

    @Test
    void theSameIssuerTwiceIsContradictory() {
        auth.setIssuer("https://a.example.com/");
        auth.setAudience("api-a");
        NamedIssuerSettings again = new NamedIssuerSettings("again");
        again.setIssuer("https://a.example.com/");
        again.setAudience("api-b");
        var e = assertThrows(InvalidAuthConfigurationException.class, () -> resolve("", List.of(again)));
        assertTrue(e.getMessage().startsWith("The issuer https://a.example.com/ is configured more than once"));
    }

    @Test
    void algorithmsDefaultToRs256AndAcceptAList() {
        assertEquals(Set.of(JWSAlgorithm.RS256), TrustedIssuerResolver.algorithms("RS256"));
        assertEquals(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256),
                TrustedIssuerResolver.algorithms(" RS256, ps256 ,ES256,"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "none | AUTH_ALGORITHMS may not contain none",
            "RS256,HS256 | AUTH_ALGORITHMS may not contain HS256: HMAC",
            "RS257 | AUTH_ALGORITHMS contains unsupported algorithm 'RS257'",
            "EdDSA | AUTH_ALGORITHMS contains unsupported algorithm 'EdDSA'",
            "' , ' | AUTH_ALGORITHMS must name at least one algorithm",
    })
    void badAlgorithmListsStopStartup(String value, String expectedStart) {
        var e = assertThrows(InvalidAuthConfigurationException.class, () -> TrustedIssuerResolver.algorithms(value));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"60s, 60", "60, 60", "0s, 0", "2m, 120", "1500ms, 1", "PT30S, 30", "5m, 300"})
    void leewayAcceptsCommonDurationForms(String value, long seconds) {
        assertEquals(seconds, TrustedIssuerResolver.leeway(value).toSeconds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-5s", "6m", "1h", "10x", "PT-1S"})
    void leewayOutOfRangeOrUnreadableStopsStartup(String value) {
        var e = assertThrows(InvalidAuthConfigurationException.class, () -> TrustedIssuerResolver.leeway(value));
        assertEquals("AUTH_LEEWAY must be a duration from 0s to 5m, such as 60s.", e.getMessage());
    }

    @Test
    void requireAtJwtNarrowsTheAcceptedTypes() {
        auth.setRequireAtJwtType(true);
        VerificationPolicy policy = TrustedIssuerResolver.policy(auth);
        assertTrue(policy.typeRequired());
        assertEquals(VerificationPolicy.ACCESS_TOKEN_TYPES, policy.allowedTypes());
        assertEquals(Duration.ofSeconds(60), policy.leeway());
    }

    @Test
    void keySettingsMustFitTogether() {
        AuthSettings.Jwks jwks = new AuthSettings.Jwks();
        TrustedIssuerResolver.checkKeySettings(jwks); // defaults fit

        jwks.setMinRefreshInterval(Duration.ofMinutes(10));
        var e = assertThrows(InvalidAuthConfigurationException.class, () -> TrustedIssuerResolver.checkKeySettings(jwks));
        assertTrue(e.getMessage().startsWith("auth.jwks.min-refresh-interval must be shorter"));

        AuthSettings.Jwks tight = new AuthSettings.Jwks();
        tight.setCacheTtl(Duration.ofSeconds(10));
        tight.setMinRefreshInterval(Duration.ofSeconds(5));
        tight.setRefreshAhead(Duration.ofSeconds(8));
        e = assertThrows(InvalidAuthConfigurationException.class, () -> TrustedIssuerResolver.checkKeySettings(tight));
        assertTrue(e.getMessage().startsWith("auth.jwks.refresh-ahead plus auth.jwks.fetch-timeout"));
    }
}
