package com.example.resourceserver.auth.config;

import static com.example.resourceserver.auth.config.IssuerSetting.ALLOWED_CLIENT_IDS;
import static com.example.resourceserver.auth.config.IssuerSetting.KEYCLOAK_CLIENT_ROLES;
import static com.example.resourceserver.auth.config.IssuerSetting.PROVIDER;
import static com.example.resourceserver.auth.config.IssuerSetting.SCOPE_ALIASES;
import static com.example.resourceserver.auth.config.IssuerSetting.SCOPE_PREFIX;

import com.example.resourceserver.domain.caller.Scope;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An issuer's provider and the settings its profile reads, checked: every value here is in use for this
 * provider. A setting another provider would ignore stops startup instead: nothing is silently ignored.
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

    /** The entry's provider settings, checked, or one sentence naming the variable to fix. */
    static ProviderSettings of(IssuerEntry entry) {
        return of(entry, Provider.parse(entry.value(PROVIDER), entry.variable(PROVIDER)));
    }

    /** With {@code AUTH0_DOMAIN} the provider is auth0; {@code AUTH_PROVIDER} may only repeat it. */
    static ProviderSettings forAuth0Domain(IssuerEntry entry) {
        if (entry.has(PROVIDER) && Provider.parse(entry.value(PROVIDER), entry.variable(PROVIDER)) != Provider.AUTH0) {
            throw new InvalidAuthConfigurationException("AUTH0_DOMAIN implies " + entry.variable(PROVIDER)
                    + "=auth0: remove " + entry.variable(PROVIDER) + " or set it to auth0.");
        }
        return of(entry, Provider.AUTH0);
    }

    private static ProviderSettings of(IssuerEntry entry, Provider chosen) {
        String provider = entry.variable(PROVIDER);
        String onlyWith = " is used only with " + provider + "=";
        if (chosen == Provider.COGNITO && !entry.has(ALLOWED_CLIENT_IDS)) {
            throw new InvalidAuthConfigurationException(provider + "=cognito needs "
                    + entry.variable(ALLOWED_CLIENT_IDS) + ": list the app client IDs whose access tokens this API "
                    + "accepts (Cognito access tokens carry no aud).");
        }
        if (chosen != Provider.COGNITO && entry.has(ALLOWED_CLIENT_IDS)) {
            throw new InvalidAuthConfigurationException(entry.variable(ALLOWED_CLIENT_IDS) + onlyWith + "cognito: "
                    + "remove it, or set " + provider + "=cognito.");
        }
        if (chosen != Provider.COGNITO && entry.has(SCOPE_PREFIX)) {
            throw new InvalidAuthConfigurationException(entry.variable(SCOPE_PREFIX) + onlyWith + "cognito "
                    + "(it is the Cognito resource-server identifier in front of custom scopes): remove it, or set "
                    + provider + "=cognito.");
        }
        if (chosen != Provider.KEYCLOAK && entry.has(KEYCLOAK_CLIENT_ROLES)) {
            throw new InvalidAuthConfigurationException(entry.variable(KEYCLOAK_CLIENT_ROLES) + onlyWith
                    + "keycloak: remove it, or set " + provider + "=keycloak.");
        }
        String prefix = entry.value(SCOPE_PREFIX);
        if (prefix != null && !Scope.isValid(prefix)) {
            throw new InvalidAuthConfigurationException(entry.variable(SCOPE_PREFIX) + " must be a resource-server "
                    + "identifier without spaces, such as messages-api.");
        }
        return new ProviderSettings(
                chosen, list(entry, ALLOWED_CLIENT_IDS), prefix, list(entry, KEYCLOAK_CLIENT_ROLES), aliases(entry));
    }

    private static Set<String> list(IssuerEntry entry, IssuerSetting setting) {
        Set<String> items = new LinkedHashSet<>();
        if (!entry.has(setting)) {
            return items;
        }
        for (String part : entry.value(setting).split(",")) {
            String item = part.trim();
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        if (items.isEmpty()) {
            throw new InvalidAuthConfigurationException(
                    entry.variable(setting) + " must list at least one value, separated by commas.");
        }
        return items;
    }

    private static Map<String, String> aliases(IssuerEntry entry) {
        Map<String, String> aliases = new LinkedHashMap<>();
        if (!entry.has(SCOPE_ALIASES)) {
            return aliases;
        }
        String variable = entry.variable(SCOPE_ALIASES);
        for (String pair : entry.value(SCOPE_ALIASES).split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] sides = pair.trim().split("=", -1);
            String granted = sides.length == 2 ? sides[0].trim() : "";
            String scope = sides.length == 2 ? sides[1].trim() : "";
            if (!Scope.isValid(granted) || !Scope.isValid(scope)) {
                throw new InvalidAuthConfigurationException(variable + " must be a comma-separated list of "
                        + "granted=scope pairs, such as messages.read=read:messages.");
            }
            String earlier = aliases.putIfAbsent(granted, scope);
            if (earlier != null && !earlier.equals(scope)) {
                throw new InvalidAuthConfigurationException(
                        variable + " maps " + granted + " to two scopes: give each granted value one scope.");
            }
        }
        return aliases;
    }
}
