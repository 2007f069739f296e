package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.util.List;
import java.util.Optional;

/**
 * Refuses tokens that carry a claim OpenID Connect defines for ID tokens only: {@code nonce} (Core §2, echoed
 * from the authentication request), {@code at_hash} and {@code c_hash} (Core §3.1.3.6, §3.3.2.11). Used for
 * providers whose documented access tokens never carry them (Auth0, Okta, Entra ID, Cognito); not for Keycloak,
 * which has copied {@code nonce} into access tokens too (keycloak/keycloak#26893).
 */
public final class NoIdTokenClaims implements ClaimRule {

    static final List<String> ID_TOKEN_CLAIMS = List.of("nonce", "at_hash", "c_hash");

    @Override
    public Optional<Reason> check(TokenClaims token) {
        for (String claim : ID_TOKEN_CLAIMS) {
            if (token.json().containsKey(claim)) {
                return Optional.of(Reason.INVALID_CLAIM);
            }
        }
        return Optional.empty();
    }
}
