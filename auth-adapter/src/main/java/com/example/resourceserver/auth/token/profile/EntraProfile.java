package com.example.resourceserver.auth.token.profile;

import com.example.resourceserver.auth.token.rules.AudienceIncludesApi;
import com.example.resourceserver.auth.token.rules.ClaimRule;
import com.example.resourceserver.auth.token.rules.NamesClient;
import com.example.resourceserver.auth.token.rules.NoIdTokenClaims;
import com.example.resourceserver.auth.token.rules.TokenClaims;
import java.util.List;
import java.util.Set;

/**
 * Microsoft Entra ID, v1.0 and v2.0 access tokens for your own API
 * (https://learn.microsoft.com/en-us/entra/identity-platform/access-token-claims-reference): {@code aud} is the
 * API's client ID (v2.0) or its client ID or Application ID URI (v1.0); delegated (user) tokens carry scopes in
 * {@code scp}, a space-delimited string; application (client-credentials) tokens carry app roles in
 * {@code roles}, an array, and no {@code scp}: both are grants. The client is {@code azp} (v2.0) or
 * {@code appid} (v1.0); the subject is {@code sub} (always present; for app tokens the service principal),
 * else {@code oid}.
 *
 * <p>ID tokens are refused: they name the client in {@code aud} and carry neither {@code azp} nor
 * {@code appid} (https://learn.microsoft.com/en-us/entra/identity-platform/id-token-claims-reference), so an
 * ID token of an app registered as both client and API, whose {@code aud} is this API, is refused too; and a
 * {@code nonce}, {@code at_hash} or {@code c_hash} in the payload refuses the token.
 */
final class EntraProfile implements ProviderProfile {

    static final List<String> GRANT_CLAIMS = List.of("scp", "roles");

    @Override
    public List<ClaimRule> claimRules() {
        return List.of(new AudienceIncludesApi(), new NoIdTokenClaims(), new NamesClient(List.of("azp", "appid")));
    }

    @Override
    public String subjectOf(TokenClaims token) {
        return SubjectClaims.first(token.json(), List.of("sub", "oid", "azp", "appid"));
    }

    @Override
    public Set<String> grantsOf(TokenClaims token) {
        return GrantClaims.of(token.json(), GRANT_CLAIMS);
    }
}
