package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the sources of issuers combine, and that one call runs every check. */
class AuthConfigurationResolverTest {

    private final AuthSettings auth = new AuthSettings();
    private final Typed typed = new Typed();

    private AuthConfiguration resolve() {
        return AuthConfigurationResolver.resolve(auth, typed.sources(), Optional.empty());
    }

    private String failure() {
        return assertThrows(InvalidAuthConfigurationException.class, this::resolve)
                .getMessage();
    }

    private void named(String name, String issuer, String audience) {
        typed.entry(name, issuer, audience);
    }

    @Test
    void theAuth0ShorthandIsTrusted() {
        typed.set("auth0.domain", "tenant.eu.auth0.com");
        typed.set("auth0.audience", "https://api.example.com");

        assertEquals(
                List.of(new TrustedIssuer(
                        "auth0",
                        "https://tenant.eu.auth0.com/",
                        "https://api.example.com",
                        new JwksLocation.Fixed(URI.create("https://tenant.eu.auth0.com/.well-known/jwks.json")),
                        ProviderSettings.of(Provider.AUTH0))),
                resolve().issuers());
    }

    @Test
    void apiIdentifierReachesTheAuth0Shorthand() {
        typed.set("auth0.domain", "tenant.auth0.com");
        assertEquals(
                "https://quickstarts/api",
                resolveWithApiIdentifier().issuers().get(0).audience());
    }

    private AuthConfiguration resolveWithApiIdentifier() {
        typed.set("api.identifier", "https://quickstarts/api");
        return resolve();
    }

    @Test
    void theTopLevelVariablesAreTheIssuerNamedDefault() {
        typed.set("auth.issuer", "https://login.example.com/realms/demo");
        typed.set("auth.audience", "messages-api");

        assertEquals(
                List.of(new TrustedIssuer(
                        "default",
                        "https://login.example.com/realms/demo",
                        "messages-api",
                        new JwksLocation.Discovered("https://login.example.com/realms/demo"))),
                resolve().issuers());
    }

    @Test
    void auth0AndGenericTogetherAreContradictory() {
        typed.set("auth0.domain", "tenant.auth0.com");
        typed.set("auth0.audience", "https://api");
        typed.set("auth.issuer", "https://login.example.com/");
        typed.set("auth.audience", "api");
        assertEquals(
                "Both AUTH0_DOMAIN and AUTH_ISSUER are set: configure one issuer through either the Auth0 pair "
                        + "or the AUTH_* variables (list further issuers under auth.issuers in application.yml).",
                failure());
    }

    @Test
    void auth0WithAnIncompleteTopLevelEntryNamesTheMissingVariableFirst() {
        typed.set("auth0.domain", "tenant.auth0.com");
        typed.set("auth0.audience", "https://api");
        typed.set("auth.audience", "api");
        assertTrue(failure().startsWith("AUTH_AUDIENCE is set but AUTH_ISSUER is missing"));
    }

    @Test
    void nothingConfiguredSaysWhatToSet() {
        assertEquals(
                "No token issuer is configured: set AUTH0_DOMAIN and AUTH0_AUDIENCE, or AUTH_ISSUER and "
                        + "AUTH_AUDIENCE (or start with MICRONAUT_ENVIRONMENTS=dev for the local development issuer).",
                failure());
    }

    @Test
    void blankValuesCountAsUnset() {
        typed.set("auth.issuer", "  ");
        typed.set("auth.audience", "");
        assertTrue(failure().startsWith("No token issuer is configured"));
    }

    @Test
    void theDevelopmentIssuerIsUsedOnlyWhenNothingElseIsConfigured() {
        TrustedIssuer dev = new TrustedIssuer(
                "dev",
                "https://dev-issuer.invalid/",
                "aud",
                new JwksLocation.Fixed(URI.create("http://localhost:8080/jwks")));
        assertEquals(
                List.of(dev),
                AuthConfigurationResolver.resolve(auth, typed.sources(), Optional.of(dev))
                        .issuers());

        named("partner", "https://b.example.com/", "api-b");
        assertEquals(
                List.of("partner"),
                AuthConfigurationResolver.resolve(auth, typed.sources(), Optional.of(dev)).issuers().stream()
                        .map(TrustedIssuer::name)
                        .toList());

        typed.properties.clear();
        typed.set("auth.issuer", "https://login.example.com/");
        typed.set("auth.audience", "api");
        List<TrustedIssuer> issuers = AuthConfigurationResolver.resolve(auth, typed.sources(), Optional.of(dev))
                .issuers();
        assertEquals(1, issuers.size());
        assertEquals("https://login.example.com/", issuers.get(0).issuer());
    }

    @Test
    void plainJwksUrlToAnotherHostStopsStartupUnlessInsecureIsAllowed() {
        typed.set("auth.issuer", "https://login.example.com/");
        typed.set("auth.audience", "api");
        typed.set("auth.jwks-uri", "http://keycloak.internal:8080/certs");
        assertTrue(failure().startsWith("AUTH_JWKS_URI must use https"));

        auth.setInsecureAllowHttp(true);
        AuthConfiguration configuration = resolve();
        assertEquals(
                new JwksLocation.Fixed(URI.create("http://keycloak.internal:8080/certs")),
                configuration.issuers().get(0).jwks());
        assertTrue(configuration.insecureHttpAllowed());
    }

    @Test
    void namedIssuersAddToTheConfiguredOne() {
        typed.set("auth.issuer", "https://a.example.com/");
        typed.set("auth.audience", "api-a");
        named("partner", "https://b.example.com", "api-b");
        typed.listed("partner", "jwks-uri", "https://b.example.com/keys");

        List<TrustedIssuer> issuers = resolve().issuers();

        assertEquals(
                List.of("https://a.example.com/", "https://b.example.com"),
                issuers.stream().map(TrustedIssuer::issuer).toList());
        assertEquals("partner", issuers.get(1).name());
        assertEquals("api-b", issuers.get(1).audience());
    }

    @Test
    void namedIssuersAloneAreEnough() {
        named("a", "https://a.example.com/", "api");
        named("b", "https://b.example.com/", "api");
        assertEquals(
                List.of("a", "b"),
                resolve().issuers().stream().map(TrustedIssuer::name).toList());
    }

    @Test
    void aNamedIssuerNeedsIssuerAndAudience() {
        named("partner", "https://b.example.com", null);
        var e = assertThrows(InvalidAuthConfigurationException.class, this::resolve);
        assertTrue(e.getMessage().startsWith("auth.issuers.partner.audience is missing"), e.getMessage());
    }

    @Test
    void theSameIssuerTwiceIsContradictory() {
        typed.set("auth.issuer", "https://a.example.com/");
        typed.set("auth.audience", "api-a");
        named("again", "https://a.example.com/", "api-b");
        var e = assertThrows(InvalidAuthConfigurationException.class, this::resolve);
        assertTrue(e.getMessage().startsWith("The issuer https://a.example.com/ is configured more than once"));
    }

    @Test
    void aListedDefaultNextToTheTopLevelVariablesIsRefused() {
        typed.set("auth.issuer", "https://a.example.com/");
        typed.set("auth.audience", "api-a");
        named("default", "https://b.example.com/", "api-b");
        var e = assertThrows(InvalidAuthConfigurationException.class, this::resolve);
        assertEquals(
                "Both AUTH_ISSUER and auth.issuers.default configure the issuer named default: give the entry "
                        + "under auth.issuers another name.",
                e.getMessage());
    }

    @Test
    void aListedDefaultAloneIsJustANamedIssuer() {
        named("default", "https://b.example.com/", "api-b");
        assertEquals(
                List.of(new TrustedIssuer(
                        "default",
                        "https://b.example.com/",
                        "api-b",
                        new JwksLocation.Discovered("https://b.example.com/"))),
                resolve().issuers());
    }

    @Test
    void theResultCarriesThePolicyAndTheCheckedKeyAndCacheSettings() {
        typed.set("auth.issuer", "https://a.example.com/");
        typed.set("auth.audience", "api-a");
        auth.setAlgorithms("PS256,ES256");
        auth.setLeeway("30s");

        AuthConfiguration configuration = resolve();

        assertEquals(
                Set.of(JWSAlgorithm.PS256, JWSAlgorithm.ES256),
                configuration.policy().algorithms());
        assertEquals(Duration.ofSeconds(30), configuration.policy().leeway());
        assertFalse(configuration.insecureHttpAllowed());
        assertSame(auth.getJwks(), configuration.jwks());
        assertSame(auth.getTokenCache(), configuration.tokenCache());
    }

    @Test
    void keySettingsAreCheckedBeforeTheIssuers() {
        auth.getJwks().setMinRefreshInterval(Duration.ofMinutes(10));
        assertTrue(failure().startsWith("auth.jwks.min-refresh-interval must be shorter"));
    }

    @Test
    void tokenCacheSettingsAreCheckedBeforeTheIssuers() {
        auth.getTokenCache().setMaxEntries(0);
        assertEquals("auth.token-cache.max-entries must be at least 1.", failure());
    }

    @Test
    void theTokenRulesAreChecked() {
        typed.set("auth.issuer", "https://a.example.com/");
        typed.set("auth.audience", "api-a");
        auth.setAlgorithms("none");
        assertTrue(failure().startsWith("AUTH_ALGORITHMS may not contain none"));
    }
}
