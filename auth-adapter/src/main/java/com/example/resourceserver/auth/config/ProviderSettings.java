package com.example.resourceserver.auth.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An issuer's provider and the settings its profile reads, checked: every value here is in use for this
 * provider (a setting another provider would ignore stops startup instead, see {@link ProviderEntry}).
 *
 * @param provider            which profile reads the issuer's tokens
 * @param allowedClientIds    Cognito: the app clients whose access tokens ({@code client_id}) are accepted
 * @param scopePrefix         Cognito: the resource-server identifier whose {@code <identifier>/} is taken off
 *                            granted scopes; null when unset
 * @param keycloakClientRoles Keycloak: the clients whose roles in {@code resource_access.<client>.roles} are grants
 * @param scopeAliases        any provider: a granted value that also grants a scope, e.g. {@code messages.read}
 *                            to {@code read:messages}
 */
public record ProviderSettings(
        Provider provider,
        Set<String> allowedClientIds,
        String scopePrefix,
        Set<String> keycloakClientRoles,
        Map<String, String> scopeAliases) {

    /** Today's behaviour for any issuer: nothing provider-specific. */
    public static final ProviderSettings GENERIC = of(Provider.GENERIC);

    public ProviderSettings {
        Objects.requireNonNull(provider, "provider");
        // In the order configured, so that the startup log repeats them as written.
        allowedClientIds = Collections.unmodifiableSet(new LinkedHashSet<>(allowedClientIds));
        keycloakClientRoles = Collections.unmodifiableSet(new LinkedHashSet<>(keycloakClientRoles));
        scopeAliases = Map.copyOf(scopeAliases);
    }

    /** A provider without any of the optional settings. */
    public static ProviderSettings of(Provider provider) {
        return new ProviderSettings(provider, Set.of(), null, Set.of(), Map.of());
    }
}
