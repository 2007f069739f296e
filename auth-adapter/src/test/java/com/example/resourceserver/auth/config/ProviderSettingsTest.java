package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** AUTH_PROVIDER and the settings profiles read: each bad or unused setting stops startup, naming its variable. */
class ProviderSettingsTest {

    private final Typed typed = new Typed();
    private final IssuerProperties auth = IssuerProperties.topLevel(typed);
    private final IssuerProperties partner = IssuerProperties.listed(typed, "partner");

    private IssuerProperties issuer(String provider) {
        auth.setIssuer("https://login.example.com/");
        auth.setAudience("api");
        auth.setProvider(provider);
        return auth;
    }

    private IssuerProperties cognito() {
        auth.setIssuer("https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example");
        auth.setProvider("cognito");
        auth.setAllowedClientIds("client-a, client-b");
        return auth;
    }

    /** The issuers the properties set so far resolve to ({@code partner} only once something of it is set). */
    private List<TrustedIssuer> resolve(IssuerProperties... named) {
        return AuthConfigurationResolver.resolve(new AuthSettings(), typed.sources(), Optional.empty())
                .issuers();
    }

    private ProviderSettings settings() {
        return resolve().get(0).provider();
    }

    private String failure(IssuerProperties... named) {
        return assertThrows(InvalidAuthConfigurationException.class, () -> resolve(named))
                .getMessage();
    }

    @Test
    void withoutAProviderTheIssuerIsGeneric() {
        issuer(null);
        assertEquals(ProviderSettings.GENERIC, settings());
        issuer(" ");
        assertEquals(ProviderSettings.GENERIC, settings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"auth0", "okta", "entra", "keycloak", "generic", "Okta", " ENTRA "})
    void eachProviderNameIsReadCaseInsensitively(String name) {
        issuer(name);
        assertEquals(name.trim().toLowerCase(), settings().provider().value());
    }

    @Test
    void anUnknownProviderIsNamed() {
        issuer("azure");
        assertEquals(
                "AUTH_PROVIDER must be one of generic, auth0, okta, entra, cognito, keycloak, not 'azure'.", failure());
    }

    @Test
    void aProviderWithoutIssuerNamesTheMissingIssuer() {
        auth.setProvider("okta");
        assertEquals(
                "AUTH_PROVIDER is set but AUTH_ISSUER is missing: set AUTH_ISSUER to the exact iss value of "
                        + "your tokens.",
                failure());
    }

    @Test
    void cognitoNeedsAllowedClientsAndNoAudience() {
        cognito();
        ProviderSettings settings = settings();
        assertEquals(Provider.COGNITO, settings.provider());
        assertEquals(Set.of("client-a", "client-b"), settings.allowedClientIds());
        assertNull(resolve().get(0).audience());

        auth.setAllowedClientIds(null);
        assertEquals(
                "AUTH_PROVIDER=cognito needs AUTH_ALLOWED_CLIENT_IDS: list the app client IDs whose access "
                        + "tokens this API accepts (Cognito access tokens carry no aud).",
                failure());

        auth.setAllowedClientIds("client-a");
        auth.setAudience("messages-api");
        assertEquals(
                "AUTH_AUDIENCE must not be set with AUTH_PROVIDER=cognito: Cognito access tokens carry no aud; "
                        + "list the app clients allowed to call this API in AUTH_ALLOWED_CLIENT_IDS instead.",
                failure());
    }

    @Test
    void anEmptyListAfterCommasIsNamed() {
        cognito().setAllowedClientIds(" , ,");
        assertEquals("AUTH_ALLOWED_CLIENT_IDS must list at least one value, separated by commas.", failure());
    }

    @Test
    void theScopePrefixIsCognitoOnly() {
        cognito().setScopePrefix("messages-api");
        assertEquals("messages-api", settings().scopePrefix());

        issuer("okta").setScopePrefix("messages-api");
        auth.setAllowedClientIds(null);
        assertEquals(
                "AUTH_SCOPE_PREFIX is used only with AUTH_PROVIDER=cognito (it is the Cognito resource-server "
                        + "identifier in front of custom scopes): remove it, or set AUTH_PROVIDER=cognito.",
                failure());

        issuer(null);
        assertEquals(
                "AUTH_SCOPE_PREFIX is used only with AUTH_PROVIDER=cognito (it is the Cognito resource-server "
                        + "identifier in front of custom scopes): remove it, or set AUTH_PROVIDER=cognito.",
                failure());
    }

    @Test
    void aScopePrefixWithSpacesIsRefused() {
        cognito().setScopePrefix("messages api");
        assertEquals(
                "AUTH_SCOPE_PREFIX must be a resource-server identifier without spaces, such as messages-api.",
                failure());
    }

    @Test
    void allowedClientIdsAreCognitoOnly() {
        issuer("entra").setAllowedClientIds("client-a");
        assertEquals(
                "AUTH_ALLOWED_CLIENT_IDS is used only with AUTH_PROVIDER=cognito: remove it, or set "
                        + "AUTH_PROVIDER=cognito.",
                failure());
    }

    @Test
    void keycloakClientRolesAreKeycloakOnly() {
        issuer("keycloak").setKeycloakClientRoles("messages-api, other");
        assertEquals(Set.of("messages-api", "other"), settings().keycloakClientRoles());

        issuer("generic");
        assertEquals(
                "AUTH_KEYCLOAK_CLIENT_ROLES is used only with AUTH_PROVIDER=keycloak: remove it, or set "
                        + "AUTH_PROVIDER=keycloak.",
                failure());
    }

    @Test
    void scopeAliasesArePairsForAnyProvider() {
        issuer(null).setScopeAliases("messages.read=read:messages, Messages.Read = read:messages");
        assertEquals(
                Map.of("messages.read", "read:messages", "Messages.Read", "read:messages"),
                settings().scopeAliases());
    }

    @ParameterizedTest
    @ValueSource(strings = {"messages.read", "=read:messages", "messages.read=", "a=b=c", "a b=c", "a=\"c\""})
    void aMalformedAliasIsNamed(String aliases) {
        issuer("entra").setScopeAliases(aliases);
        assertEquals(
                "AUTH_SCOPE_ALIASES must be a comma-separated list of granted=scope pairs, such as "
                        + "messages.read=read:messages.",
                failure());
    }

    @Test
    void oneGrantedValueCannotAliasTwoScopes() {
        issuer("entra").setScopeAliases("a=read:messages,a=write:messages");
        assertEquals("AUTH_SCOPE_ALIASES maps a to two scopes: give each granted value one scope.", failure());
    }

    @Test
    void auth0DomainImpliesTheAuth0Provider() {
        typed.set("auth0.domain", "tenant.eu.auth0.com");
        typed.set("auth0.audience", "https://api.example.com");
        assertEquals(Provider.AUTH0, settings().provider());

        auth.setProvider("auth0");
        auth.setScopeAliases("messages.read=read:messages");
        assertEquals(ProviderSettings.of(Provider.AUTH0).provider(), settings().provider());
        assertEquals(Map.of("messages.read", "read:messages"), settings().scopeAliases());

        auth.setProvider("okta");
        assertEquals("AUTH0_DOMAIN implies AUTH_PROVIDER=auth0: remove AUTH_PROVIDER or set it to auth0.", failure());
    }

    @Test
    void namedEntriesNameTheirOwnProperties() {
        issuer(null);
        partner.setIssuer("https://partner.example/");
        partner.setProvider("cognito");
        assertEquals(
                "auth.issuers.partner.provider=cognito needs auth.issuers.partner.allowed-client-ids: list the "
                        + "app client IDs whose access tokens this API accepts (Cognito access tokens carry no aud).",
                failure(partner));

        partner.setAllowedClientIds("client-a");
        partner.setAudience("api");
        assertEquals(
                "auth.issuers.partner.audience must not be set with auth.issuers.partner.provider=cognito: "
                        + "Cognito access tokens carry no aud; list the app clients allowed to call this API in "
                        + "auth.issuers.partner.allowed-client-ids instead.",
                failure(partner));

        partner.setAudience(null);
        assertEquals(Provider.COGNITO, resolve(partner).get(1).provider().provider());

        partner.setProvider("okta");
        partner.setAudience("api");
        partner.setAllowedClientIds(null);
        partner.setKeycloakClientRoles("x");
        assertEquals(
                "auth.issuers.partner.keycloak-client-roles is used only with auth.issuers.partner.provider="
                        + "keycloak: remove it, or set auth.issuers.partner.provider=keycloak.",
                failure(partner));

        partner.setKeycloakClientRoles(null);
        partner.setProvider("nope");
        assertEquals(
                "auth.issuers.partner.provider must be one of generic, auth0, okta, entra, cognito, keycloak, "
                        + "not 'nope'.",
                failure(partner));
    }
}
