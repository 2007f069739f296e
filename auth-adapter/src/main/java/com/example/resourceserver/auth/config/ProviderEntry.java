package com.example.resourceserver.auth.config;

import com.example.resourceserver.domain.caller.Scope;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * An issuer's provider settings as typed ({@code AUTH_PROVIDER}, {@code AUTH_ALLOWED_CLIENT_IDS},
 * {@code AUTH_SCOPE_PREFIX}, {@code AUTH_KEYCLOAK_CLIENT_ROLES}, {@code AUTH_SCOPE_ALIASES}, or the same under
 * {@code auth.issuers.<name>.*}), before they are checked. Lists are comma-separated; blank values count as unset.
 * A setting the chosen provider does not read stops startup: nothing is silently ignored.
 */
record ProviderEntry(
        String provider, String allowedClientIds, String scopePrefix, String keycloakClientRoles, String scopeAliases) {

    static final ProviderEntry UNSET = new ProviderEntry(null, null, null, null, null);

    ProviderEntry {
        provider = Blank.toNull(provider);
        allowedClientIds = Blank.toNull(allowedClientIds);
        scopePrefix = Blank.toNull(scopePrefix);
        keycloakClientRoles = Blank.toNull(keycloakClientRoles);
        scopeAliases = Blank.toNull(scopeAliases);
    }

    boolean isUnset() {
        return provider == null
                && allowedClientIds == null
                && scopePrefix == null
                && keycloakClientRoles == null
                && scopeAliases == null;
    }

    /** The first variable of this entry that is set, for "X is set but the issuer is missing". */
    String firstSetVariable(IssuerVariables variables) {
        if (provider != null) {
            return variables.provider();
        }
        if (allowedClientIds != null) {
            return variables.allowedClientIds();
        }
        if (scopePrefix != null) {
            return variables.scopePrefix();
        }
        return keycloakClientRoles != null ? variables.keycloakClientRoles() : variables.scopeAliases();
    }

    /** The checked settings, or one sentence naming the variable to fix. */
    ProviderSettings resolve(IssuerVariables variables) {
        Provider chosen = Provider.parse(provider, variables.provider());
        return resolve(chosen, variables);
    }

    /** With {@code AUTH0_DOMAIN} the provider is auth0; {@code AUTH_PROVIDER} may only repeat it. */
    ProviderSettings resolveForAuth0Domain(IssuerVariables variables) {
        if (provider != null && Provider.parse(provider, variables.provider()) != Provider.AUTH0) {
            throw new InvalidAuthConfigurationException("AUTH0_DOMAIN implies " + variables.provider()
                    + "=auth0: remove " + variables.provider() + " or set it to auth0.");
        }
        return resolve(Provider.AUTH0, variables);
    }

    private ProviderSettings resolve(Provider chosen, IssuerVariables variables) {
        String onlyWith = " is used only with " + variables.provider() + "=";
        if (chosen == Provider.COGNITO && allowedClientIds == null) {
            throw new InvalidAuthConfigurationException(variables.provider() + "=cognito needs "
                    + variables.allowedClientIds() + ": list the app client IDs whose access tokens this API "
                    + "accepts (Cognito access tokens carry no aud).");
        }
        if (chosen != Provider.COGNITO && allowedClientIds != null) {
            throw new InvalidAuthConfigurationException(variables.allowedClientIds() + onlyWith + "cognito: "
                    + "remove it, or set " + variables.provider() + "=cognito.");
        }
        if (chosen != Provider.COGNITO && scopePrefix != null) {
            throw new InvalidAuthConfigurationException(variables.scopePrefix() + onlyWith + "cognito "
                    + "(it is the Cognito resource-server identifier in front of custom scopes): remove it, or set "
                    + variables.provider() + "=cognito.");
        }
        if (chosen != Provider.KEYCLOAK && keycloakClientRoles != null) {
            throw new InvalidAuthConfigurationException(variables.keycloakClientRoles() + onlyWith + "keycloak: "
                    + "remove it, or set " + variables.provider() + "=keycloak.");
        }
        if (scopePrefix != null && !Scope.isValid(scopePrefix)) {
            throw new InvalidAuthConfigurationException(variables.scopePrefix() + " must be a resource-server "
                    + "identifier without spaces, such as messages-api.");
        }
        return new ProviderSettings(
                chosen,
                list(allowedClientIds, variables.allowedClientIds()),
                scopePrefix,
                list(keycloakClientRoles, variables.keycloakClientRoles()),
                aliases(variables.scopeAliases()));
    }

    private static Set<String> list(String value, String variable) {
        Set<String> items = new LinkedHashSet<>();
        if (value == null) {
            return items;
        }
        for (String part : value.split(",")) {
            String item = part.trim();
            if (!item.isEmpty()) {
                items.add(item);
            }
        }
        if (items.isEmpty()) {
            throw new InvalidAuthConfigurationException(
                    variable + " must list at least one value, " + "separated by commas.");
        }
        return items;
    }

    private Map<String, String> aliases(String variable) {
        Map<String, String> aliases = new LinkedHashMap<>();
        if (scopeAliases == null) {
            return aliases;
        }
        for (String pair : scopeAliases.split(",")) {
            String[] sides = pair.trim().split("=", -1);
            String granted = sides.length == 2 ? sides[0].trim() : "";
            String scope = sides.length == 2 ? sides[1].trim() : "";
            if (pair.isBlank()) {
                continue;
            }
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
