package com.example.resourceserver.auth.token.profile;

import static com.example.resourceserver.auth.token.profile.ProfileClaims.AUDIENCE;

import com.example.resourceserver.auth.config.Provider;
import com.example.resourceserver.auth.config.ProviderSettings;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeycloakProfileTest {

    final ProfileAssertions keycloak = new ProfileAssertions(
            new ProviderSettings(Provider.KEYCLOAK, Set.of(), null, Set.of("messages-api"), Map.of()));
    final ProfileAssertions withoutClientRoles = new ProfileAssertions(ProviderSettings.of(Provider.KEYCLOAK));

    @Test
    void aBearerTokenForThisApiPassesEvenWithANonce() {
        keycloak.accepts(Map.of("aud", AUDIENCE, "typ", "Bearer", "azp", "c", "nonce", "n"));
    }

    @Test
    void idAndRefreshTokensAreRefusedByTheirTyp() {
        keycloak.refuses(Reason.INVALID_CLAIM, Map.of("aud", AUDIENCE, "typ", "ID"));
        keycloak.refuses(Reason.INVALID_CLAIM, Map.of("aud", AUDIENCE, "typ", "Refresh"));
        keycloak.refuses(Reason.MISSING_CLAIM, Map.of("aud", AUDIENCE));
        keycloak.refuses(Reason.WRONG_AUDIENCE, Map.of("aud", "client", "typ", "ID"));
    }

    @Test
    void configuredClientRolesAreGrants() {
        Map<String, Object> claims = Map.of(
                "scope",
                "openid profile",
                "realm_access",
                Map.of("roles", List.of("realm-role")),
                "resource_access",
                Map.of(
                        "messages-api",
                        Map.of("roles", List.of("read:messages")),
                        "account",
                        Map.of("roles", List.of("manage-account"))));
        keycloak.grants(Set.of("openid", "profile", "read:messages"), claims);
        withoutClientRoles.grants(Set.of("openid", "profile"), claims);
    }

    @Test
    void oddResourceAccessShapesGrantNothing() {
        keycloak.grants(Set.of(), Map.of("resource_access", "x"));
        keycloak.grants(Set.of(), Map.of("resource_access", Map.of("messages-api", List.of("read:messages"))));
        keycloak.grants(
                Set.of(), Map.of("resource_access", Map.of("other", Map.of("roles", List.of("read:messages")))));
    }
}
