package com.example.resourceserver.auth.token.profile;

import com.example.resourceserver.auth.token.rules.ClaimEquals;
import com.example.resourceserver.auth.token.rules.ClaimRule;
import com.example.resourceserver.auth.token.rules.ClientAllowed;
import com.example.resourceserver.auth.token.rules.NoIdTokenClaims;
import com.example.resourceserver.auth.token.rules.TokenClaims;
import java.util.List;
import java.util.Set;

/**
 * Amazon Cognito user pools
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-access-token.html):
 * access tokens carry no {@code aud}; the app client is {@code client_id}, which must be one of
 * {@code AUTH_ALLOWED_CLIENT_IDS}; {@code token_use} must be {@code access}; grants are {@code scope}, a
 * space-delimited string in which custom scopes read {@code <resource-server-identifier>/<scope>} (the scope
 * package takes the configured {@code AUTH_SCOPE_PREFIX} off). The subject is {@code sub} (for
 * client-credentials tokens the client ID), else {@code client_id}.
 *
 * <p>ID tokens are refused: their {@code token_use} is {@code id}, and they name the client in {@code aud}, not
 * {@code client_id}; a {@code nonce} or {@code at_hash} (ID-token claims) refuses the token too.
 */
final class CognitoProfile implements ProviderProfile {

    static final List<String> GRANT_CLAIMS = List.of("scope");

    private final Set<String> allowedClientIds;

    CognitoProfile(Set<String> allowedClientIds) {
        this.allowedClientIds = Set.copyOf(allowedClientIds);
    }

    @Override
    public List<ClaimRule> claimRules() {
        return List.of(
                new ClaimEquals("token_use", "access"),
                new NoIdTokenClaims(),
                new ClientAllowed("client_id", allowedClientIds));
    }

    @Override
    public String subjectOf(TokenClaims token) {
        return SubjectClaims.first(token.json(), List.of("sub", "client_id"));
    }

    @Override
    public Set<String> grantsOf(TokenClaims token) {
        return GrantClaims.of(token.json(), GRANT_CLAIMS);
    }
}
