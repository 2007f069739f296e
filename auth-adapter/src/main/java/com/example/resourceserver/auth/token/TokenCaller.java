package com.example.resourceserver.auth.token;

import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.token.profile.ProviderProfile;
import com.example.resourceserver.auth.token.profile.ProviderProfiles;
import com.example.resourceserver.auth.token.rules.TokenClaims;
import com.example.resourceserver.domain.caller.Caller;
import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;

/**
 * The caller of a token known by its claims rather than by a signature (an introspection answer): the
 * subject and grants as the issuer's provider profile reads them, the grants turned into scopes by the
 * same {@link GrantedScopes} as verified JWTs, so that both kinds of token grant the same things.
 */
public final class TokenCaller {

    private final GrantedScopes grantedScopes;

    public TokenCaller(GrantedScopes grantedScopes) {
        this.grantedScopes = grantedScopes;
    }

    /** @throws ParseException when a registered claim has the wrong JSON type */
    public Caller of(TrustedIssuer issuer, Map<String, Object> claims, Instant now) throws ParseException {
        TokenClaims token = new TokenClaims(JWTClaimsSet.parse(claims), claims, issuer, now);
        ProviderProfile profile = ProviderProfiles.of(issuer.provider());
        return new Caller(profile.subjectOf(token), grantedScopes.of(issuer, profile.grantsOf(token)));
    }
}
