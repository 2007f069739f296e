package com.example.resourceserver.auth.token.profile;

import com.example.resourceserver.auth.token.rules.AudienceIncludesApi;
import com.example.resourceserver.auth.token.rules.ClaimEquals;
import com.example.resourceserver.auth.token.rules.ClaimRule;
import com.example.resourceserver.auth.token.rules.TokenClaims;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keycloak (https://www.keycloak.org/docs/latest/server_admin/#_oidc_token_and_saml_assertion_mappers and
 * the tokens of KeycloakDistributionIT): {@code aud} must name this API (an Audience mapper puts it there);
 * the {@code typ} claim of an access token is {@code Bearer}; grants are {@code scope} and, for the clients
 * listed in {@code AUTH_KEYCLOAK_CLIENT_ROLES}, the client roles in {@code resource_access.<client>.roles}.
 * Realm roles ({@code realm_access}) are not read. The subject is {@code sub}, else {@code client_id} or
 * {@code azp}.
 *
 * <p>ID tokens are refused: Keycloak marks them with the {@code typ} claim {@code ID} (refresh tokens
 * {@code Refresh}), and their {@code aud} is the client. A {@code nonce} is not a sign of an ID token here:
 * Keycloak copied it into access tokens as well (https://github.com/keycloak/keycloak/issues/26893).
 */
final class KeycloakProfile implements ProviderProfile {

    static final List<String> GRANT_CLAIMS = List.of("scope");

    private final Set<String> clientRoles;

    KeycloakProfile(Set<String> clientRoles) {
        this.clientRoles = Set.copyOf(clientRoles);
    }

    @Override
    public List<ClaimRule> claimRules() {
        return List.of(new AudienceIncludesApi(), new ClaimEquals("typ", "Bearer"));
    }

    @Override
    public String subjectOf(TokenClaims token) {
        return SubjectClaims.first(token.json(), SubjectClaims.DEFAULT);
    }

    @Override
    public Set<String> grantsOf(TokenClaims token) {
        Set<String> grants = GrantClaims.of(token.json(), GRANT_CLAIMS);
        if (!clientRoles.isEmpty() && token.json().get("resource_access") instanceof Map<?, ?> access) {
            for (String client : clientRoles) {
                if (access.get(client) instanceof Map<?, ?> roles) {
                    GrantClaims.addValues(roles.get("roles"), grants);
                }
            }
        }
        return grants;
    }
}
