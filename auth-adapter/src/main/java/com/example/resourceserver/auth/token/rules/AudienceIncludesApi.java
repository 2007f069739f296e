package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.util.List;
import java.util.Optional;

/**
 * {@code aud} is required and names this API: a string equal to the issuer's configured audience, or an
 * array containing it (RFC 7519 §4.1.3). Exact comparison; a token for another API is refused.
 */
public final class AudienceIncludesApi implements ClaimRule {

    @Override
    public Optional<Reason> check(TokenClaims token) {
        List<String> audience = token.audience();
        if (audience.isEmpty()) {
            return Optional.of(Reason.MISSING_CLAIM);
        }
        return audience.contains(token.issuer().audience()) ? Optional.empty() : Optional.of(Reason.WRONG_AUDIENCE);
    }
}
