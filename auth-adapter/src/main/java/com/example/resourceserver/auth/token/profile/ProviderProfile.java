package com.example.resourceserver.auth.token.profile;

import com.example.resourceserver.auth.token.rules.ClaimRule;
import com.example.resourceserver.auth.token.rules.TokenClaims;
import java.util.List;
import java.util.Set;

/**
 * What one identity provider's access tokens look like, for the tokens of one trusted issuer: which claims
 * say the token is for this API and is an access token (not an ID token), who the caller is, and where its
 * grants are. Each provider is one small class; {@link ProviderProfiles} picks it from the issuer's configured
 * provider. The rules every token meets whatever its provider (signature, issuer, time claims) are not here.
 *
 * <p>Grants are returned as the provider writes them; the scope package turns them into the domain's scopes
 * (prefixes, aliases), so that the scope policy is the one place that knows what a scope is.
 */
public interface ProviderProfile {

    /** Checks after the time rules, in order; the first that refuses decides the reason. */
    List<ClaimRule> claimRules();

    /** Who the token identifies; never blank. */
    String subjectOf(TokenClaims token);

    /** Every granted value, as written in the claims this provider grants through. */
    Set<String> grantsOf(TokenClaims token);
}
