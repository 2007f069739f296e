package com.example.resourceserver.auth.config;

/**
 * One issuer's settings set property by property, as setters (the top-level {@code auth.<key>} or a listed
 * {@code auth.issuers.<name>.<key>}), so that tests read as an operator configures.
 */
final class IssuerProperties {

    private final Typed typed;
    private final String prefix;

    private IssuerProperties(Typed typed, String prefix) {
        this.typed = typed;
        this.prefix = prefix;
    }

    static IssuerProperties topLevel(Typed typed) {
        return new IssuerProperties(typed, "auth.");
    }

    static IssuerProperties listed(Typed typed, String name) {
        return new IssuerProperties(typed, "auth.issuers." + name + ".");
    }

    private IssuerProperties set(String key, String value) {
        typed.set(prefix + key, value);
        return this;
    }

    IssuerProperties setIssuer(String value) {
        return set("issuer", value);
    }

    IssuerProperties setAudience(String value) {
        return set("audience", value);
    }

    IssuerProperties setJwksUri(String value) {
        return set("jwks-uri", value);
    }

    IssuerProperties setProvider(String value) {
        return set("provider", value);
    }

    IssuerProperties setAllowedClientIds(String value) {
        return set("allowed-client-ids", value);
    }

    IssuerProperties setScopePrefix(String value) {
        return set("scope-prefix", value);
    }

    IssuerProperties setKeycloakClientRoles(String value) {
        return set("keycloak-client-roles", value);
    }

    IssuerProperties setScopeAliases(String value) {
        return set("scope-aliases", value);
    }
}
