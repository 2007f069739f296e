package com.example.resourceserver.auth.token.profile;

import com.example.resourceserver.auth.token.rules.AudienceIncludesApi;
import com.example.resourceserver.auth.token.rules.ClaimRule;
import com.example.resourceserver.auth.token.rules.NamesClient;
import com.example.resourceserver.auth.token.rules.NoIdTokenClaims;
import com.example.resourceserver.auth.token.rules.TokenClaims;
import java.util.List;
import java.util.Set;

/**
 * Auth0 (https://auth0.com/docs/secure/tokens/access-tokens/access-token-profiles): {@code aud} is the API
 * identifier or an array of it and {@code https://{tenant}/userinfo}; the client is named in {@code azp}
 * (Auth0 token profile) or {@code client_id} (RFC 9068 profile); grants are {@code scope} and, with RBAC and
 * "Add Permissions in the Access Token", {@code permissions}. Client-credentials tokens have
 * {@code sub} = {@code {client_id}@clients}.
 *
 * <p>ID tokens are refused: their {@code aud} is the application's client ID, never an API identifier; they
 * name no client in {@code azp}/{@code client_id}; and a {@code nonce}, {@code at_hash} or {@code c_hash}
 * (which Auth0 puts only into ID tokens) refuses the token too.
 */
final class Auth0Profile implements ProviderProfile {

    static final List<String> GRANT_CLAIMS = List.of("scope", "permissions");

    @Override
    public List<ClaimRule> claimRules() {
        return List.of(new AudienceIncludesApi(), new NoIdTokenClaims(), new NamesClient(List.of("azp", "client_id")));
    }

    @Override
    public String subjectOf(TokenClaims token) {
        return SubjectClaims.first(token.json(), SubjectClaims.DEFAULT);
    }

    @Override
    public Set<String> grantsOf(TokenClaims token) {
        return GrantClaims.of(token.json(), GRANT_CLAIMS);
    }
}
