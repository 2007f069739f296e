package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.util.List;
import java.util.Optional;

/**
 * The token names the client it was issued to in one of the claims where its provider puts it in every access
 * token (Entra {@code azp} or {@code appid}, Okta {@code cid}, Auth0 {@code azp} or {@code client_id}). ID tokens
 * of these providers name the client in {@code aud} instead, so a token without any of these claims is not an
 * access token, even if its {@code aud} happens to be this API (an app registered as both client and API).
 */
public final class NamesClient implements ClaimRule {

    private final List<String> claims;

    public NamesClient(List<String> claims) {
        this.claims = List.copyOf(claims);
    }

    @Override
    public Optional<Reason> check(TokenClaims token) {
        for (String claim : claims) {
            if (token.json().get(claim) instanceof String value && !value.isBlank()) {
                return Optional.empty();
            }
        }
        return Optional.of(Reason.MISSING_CLAIM);
    }
}
