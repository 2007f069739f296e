package com.example.resourceserver.auth.config;

/**
 * Every setting one trusted issuer has, and the names an operator types it under: {@code auth.issuers.<name>.<key>}
 * for a listed issuer; for the top-level issuer (the one named {@code default}, or the Auth0 pair) a property
 * of its own and the environment variable Micronaut maps to it. One table, so that a new per-issuer setting is
 * one line here and every sentence about it names the variable the operator actually set.
 */
public enum IssuerSetting {
    ISSUER("issuer", "auth.issuer", "AUTH_ISSUER"),
    AUDIENCE("audience", "auth.audience", "AUTH_AUDIENCE"),
    JWKS_URI("jwks-uri", "auth.jwks-uri", "AUTH_JWKS_URI"),
    PROVIDER("provider", "auth.provider", "AUTH_PROVIDER"),
    ALLOWED_CLIENT_IDS("allowed-client-ids", "auth.allowed-client-ids", "AUTH_ALLOWED_CLIENT_IDS"),
    SCOPE_PREFIX("scope-prefix", "auth.scope-prefix", "AUTH_SCOPE_PREFIX"),
    KEYCLOAK_CLIENT_ROLES("keycloak-client-roles", "auth.keycloak-client-roles", "AUTH_KEYCLOAK_CLIENT_ROLES"),
    SCOPE_ALIASES("scope-aliases", "auth.scope-aliases", "AUTH_SCOPE_ALIASES"),
    /** Top-level: the mode of every issuer without its own (application.yml maps {@code AUTH_DPOP} here). */
    DPOP("dpop", "auth.dpop.mode", "AUTH_DPOP"),
    /** Top-level introspection settings belong to the issuer named default, or to the only issuer. */
    INTROSPECTION_URI("introspection-uri", "auth.introspection.uri", "AUTH_INTROSPECTION_URI"),
    INTROSPECTION_CLIENT_ID("introspection-client-id", "auth.introspection.client-id", "AUTH_INTROSPECTION_CLIENT_ID"),
    INTROSPECTION_CLIENT_SECRET(
            "introspection-client-secret", "auth.introspection.client-secret", "AUTH_INTROSPECTION_CLIENT_SECRET"),
    INTROSPECT_JWTS("introspect-jwts", "auth.introspection.introspect-jwts", "AUTH_INTROSPECTION_INTROSPECT_JWTS"),
    INTROSPECTION_SIGNED_RESPONSES(
            "introspection-signed-responses",
            "auth.introspection.signed-responses",
            "AUTH_INTROSPECTION_SIGNED_RESPONSES");

    /** The key under {@code auth.issuers.<name>}. */
    final String key;
    /** The property of the top-level issuer. */
    final String property;
    /** The environment variable of the top-level issuer, as sentences name it. */
    final String variable;

    IssuerSetting(String key, String property, String variable) {
        this.key = key;
        this.property = property;
        this.variable = variable;
    }

    /** Whether this setting names the issuer itself (an entry with none of these configures no issuer). */
    boolean identifies() {
        return ordinal() <= SCOPE_ALIASES.ordinal();
    }
}
