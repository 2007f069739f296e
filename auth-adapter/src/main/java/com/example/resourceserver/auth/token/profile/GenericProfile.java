package com.example.resourceserver.auth.token.profile;

import com.example.resourceserver.auth.token.rules.AudienceIncludesApi;
import com.example.resourceserver.auth.token.rules.ClaimRule;
import com.example.resourceserver.auth.token.rules.TokenClaims;
import java.util.List;
import java.util.Set;

/**
 * Any OpenID Connect / OAuth 2.0 issuer (RFC 9068 and its neighbours), and the default: {@code aud} must name
 * this API; grants are the union of {@code scope}, {@code scp} and {@code permissions}; the subject is
 * {@code sub}, else {@code client_id} or {@code azp}.
 *
 * <p>ID tokens: refused because their {@code aud} is the client that signed the user in, not this API
 * (OpenID Connect Core §2); this holds as long as the configured audience is not also a client ID. Nothing
 * else is assumed about an unknown provider's claims.
 */
final class GenericProfile implements ProviderProfile {

    static final List<String> GRANT_CLAIMS = List.of("scope", "scp", "permissions");

    @Override
    public List<ClaimRule> claimRules() {
        return List.of(new AudienceIncludesApi());
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
