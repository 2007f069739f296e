package com.example.resourceserver.auth.token.profile;

import com.example.resourceserver.auth.config.ProviderSettings;

/** The profile for an issuer's configured provider. Adding a provider: its class, and one line here. */
public final class ProviderProfiles {

    private ProviderProfiles() {}

    public static ProviderProfile of(ProviderSettings settings) {
        return switch (settings.provider()) {
            case GENERIC -> new GenericProfile();
            case AUTH0 -> new Auth0Profile();
            case OKTA -> new OktaProfile();
            case ENTRA -> new EntraProfile();
            case COGNITO -> new CognitoProfile(settings.allowedClientIds());
            case KEYCLOAK -> new KeycloakProfile(settings.keycloakClientRoles());
        };
    }
}
