package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Auth0ShorthandTest {

    /** AUTH0_DOMAIN and AUTH0_AUDIENCE as typed. */
    private static final class Auth0Pair {
        String domain;
        String audience;

        void setDomain(String domain) {
            this.domain = domain;
        }

        void setAudience(String audience) {
            this.audience = audience;
        }
    }

    private final Auth0Pair auth0 = new Auth0Pair();

    private Optional<TrustedIssuer> shorthand(String apiIdentifier) {
        return Auth0Shorthand.issuer(auth0.domain, auth0.audience, apiIdentifier, ProviderSettings.of(Provider.AUTH0));
    }

    private TrustedIssuer issuer(String apiIdentifier) {
        return shorthand(apiIdentifier).orElseThrow();
    }

    private String failure() {
        return assertThrows(InvalidAuthConfigurationException.class, () -> shorthand(""))
                .getMessage();
    }

    @Test
    void auth0ShorthandDerivesIssuerWithTrailingSlashAndWellKnownJwks() {
        auth0.setDomain("tenant.eu.auth0.com");
        auth0.setAudience("https://api.example.com");

        TrustedIssuer issuer = issuer("");

        assertEquals("auth0", issuer.name());
        assertEquals("https://tenant.eu.auth0.com/", issuer.issuer());
        assertEquals("https://api.example.com", issuer.audience());
        assertEquals(
                new JwksLocation.Fixed(URI.create("https://tenant.eu.auth0.com/.well-known/jwks.json")), issuer.jwks());
    }

    @Test
    void nothingSetMeansNoAuth0Issuer() {
        assertEquals(Optional.empty(), shorthand(""));
        auth0.setDomain(" ");
        auth0.setAudience("");
        assertEquals(Optional.empty(), shorthand("  "));
    }

    @Test
    void apiIdentifierIsTheQuickstartsAliasOfTheAuth0Audience() {
        auth0.setDomain("tenant.auth0.com");

        TrustedIssuer issuer = issuer("https://quickstarts/api");

        assertEquals("https://quickstarts/api", issuer.audience());
        assertEquals("https://tenant.auth0.com/", issuer.issuer());
    }

    @Test
    void theSameAudienceUnderBothNamesIsFine() {
        auth0.setDomain("tenant.auth0.com");
        auth0.setAudience("https://quickstarts/api");
        assertEquals(
                "https://quickstarts/api", issuer("https://quickstarts/api").audience());
    }

    @Test
    void differentAudiencesUnderBothNamesStopStartup() {
        auth0.setDomain("tenant.auth0.com");
        auth0.setAudience("https://a");
        var e = assertThrows(InvalidAuthConfigurationException.class, () -> shorthand("https://b"));
        assertTrue(
                e.getMessage().startsWith("AUTH0_AUDIENCE and API_IDENTIFIER are both set and differ"), e.getMessage());
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

    @Test
    void apiIdentifierWithoutDomainNamesTheAliasThatWasSet() {
        var e = assertThrows(InvalidAuthConfigurationException.class, () -> shorthand("https://quickstarts/api"));
        assertTrue(e.getMessage().startsWith("API_IDENTIFIER is set but AUTH0_DOMAIN is missing"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://tenant.auth0.com", "tenant.auth0.com/", "tenant", "ten ant.auth0.com"})
    void auth0DomainMustBeAHostName(String domain) {
        auth0.setDomain(domain);
        auth0.setAudience("https://api");
        assertTrue(failure().startsWith("AUTH0_DOMAIN must be a host name"));
    }
}
