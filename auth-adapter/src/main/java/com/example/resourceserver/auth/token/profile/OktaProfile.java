package com.example.resourceserver.auth.token.profile;

import com.example.resourceserver.auth.token.rules.AudienceIncludesApi;
import com.example.resourceserver.auth.token.rules.ClaimRule;
import com.example.resourceserver.auth.token.rules.NamesClient;
import com.example.resourceserver.auth.token.rules.NoIdTokenClaims;
import com.example.resourceserver.auth.token.rules.TokenClaims;
import java.util.List;
import java.util.Set;

/**
 * Okta custom authorization server (https://developer.okta.com/docs/api/openapi/okta-oauth/guides/overview/ ,
 * "Access token" claims): {@code aud} is the authorization server's audience ({@code api://default}); the client
 * is named in {@code cid}, the user in {@code uid}; grants are {@code scp}, a JSON array. Client-credentials
 * tokens have {@code sub} = the client ID.
 *
 * <p>ID tokens are refused: their {@code aud} is the client ID, they carry no {@code cid}, and a {@code nonce},
 * {@code at_hash} or {@code c_hash} (ID-token claims in Okta's reference) refuses the token too.
 */
final class OktaProfile implements ProviderProfile {

    static final List<String> GRANT_CLAIMS = List.of("scp");

    @Override
    public List<ClaimRule> claimRules() {
        return List.of(new AudienceIncludesApi(), new NoIdTokenClaims(), new NamesClient(List.of("cid")));
    }

    @Override
    public String subjectOf(TokenClaims token) {
        return SubjectClaims.first(token.json(), List.of("sub", "cid"));
    }

    @Override
    public Set<String> grantsOf(TokenClaims token) {
        return GrantClaims.of(token.json(), GRANT_CLAIMS);
    }
}
