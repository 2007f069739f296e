package com.example.resourceserver.auth.token;

import com.example.resourceserver.auth.config.VerificationPolicy;
import com.example.resourceserver.auth.keys.IssuerKeys;
import com.example.resourceserver.auth.keys.KeyAccess;
import com.example.resourceserver.auth.keys.KeyLookup;
import com.example.resourceserver.auth.keys.TrustedKeySets;
import com.example.resourceserver.auth.token.rules.ClaimRule;
import com.example.resourceserver.auth.token.rules.HeaderRule;
import com.example.resourceserver.auth.token.rules.TokenClaims;
import com.example.resourceserver.auth.token.rules.TokenRules;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;

import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a bearer token is a valid access token for this API, and for whom.
 *
 * <p>The steps, in order; the first failure decides the reason: shape and parsing (before any decoding),
 * the {@link TokenRules#headerRules header rules}, the claims' well-formedness, the trusted issuer (exact
 * {@code iss}), its key by {@code kid} ({@link TrustedKeySets}), the signature, the
 * {@link TokenRules#claimRules claim rules}, and finally the caller. Header parameters {@code jku},
 * {@code x5u}, {@code jwk} and {@code x5c} are never consulted: keys come only from the configured key set.
 *
 * <p>Nimbus does the parsing, key selection, key caching and the signature maths. We orchestrate the steps
 * instead of using {@code DefaultJWTProcessor} because that one parses the payload twice, builds a public
 * key and a verifier for every token, and reports failures only as message strings, while we need a typed
 * reason for every failure (RFC 6750 responses, metrics) and a lean path.
 *
 * <p>With {@link KeyAccess#FETCH_IF_NEEDED} verification may block while a key set is fetched: never on an
 * event loop. {@link KeyAccess#CACHED_ONLY} never blocks, so callers try it first on any thread.
 */
public final class AccessTokenVerifier {

    private final TrustedKeySets keySets;
    private final SignedTokenParser parser;
    private final List<HeaderRule> headerRules;
    private final List<ClaimRule> claimRules;
    private final Clock clock;

    public AccessTokenVerifier(TrustedKeySets keySets, VerificationPolicy policy, Clock clock) {
        this.keySets = keySets;
        this.parser = new SignedTokenParser(policy.maxTokenLength());
        this.headerRules = TokenRules.headerRules(policy);
        this.claimRules = TokenRules.claimRules(policy);
        this.clock = clock;
    }

    public Verification verify(String token, KeyAccess access) {
        try {
            SignedJWT jwt = parser.parse(token);
            JWSHeader header = jwt.getHeader();
            for (HeaderRule rule : headerRules) {
                refuseIf(rule.check(header));
            }
            TokenPayload payload = TokenPayload.of(jwt);
            IssuerKeys keys = trustedIssuerOf(payload);
            KeyLookup lookup = keys.lookup(header, access);
            if (lookup instanceof KeyLookup.NotCached) {
                return Verification.KEYS_NOT_CACHED;
            }
            JWK signingKey = verifiedBy(jwt, found(lookup));
            TokenClaims claims = new TokenClaims(payload.claims(), payload.json(), keys.issuer(), clock.instant());
            for (ClaimRule rule : claimRules) {
                refuseIf(rule.check(claims));
            }
            return new Verification.Verified(new VerifiedToken(CallerClaims.callerOf(payload.claims(), payload.json()),
                    keys.issuer(), signingKey, payload.claims().getExpirationTime().toInstant(),
                    Collections.unmodifiableMap(payload.json())));
        } catch (TokenRejected rejected) {
            return new Verification.Rejected(rejected.failure());
        }
    }

    private IssuerKeys trustedIssuerOf(TokenPayload payload) throws TokenRejected {
        String iss = payload.claims().getIssuer();
        if (iss == null) {
            throw new TokenRejected(Reason.MISSING_CLAIM);
        }
        IssuerKeys keys = keySets.forIssuer(iss); // exact, character for character
        if (keys == null) {
            throw new TokenRejected(Reason.UNTRUSTED_ISSUER);
        }
        return keys;
    }

    private static KeyLookup.Found found(KeyLookup lookup) throws TokenRejected {
        if (lookup instanceof KeyLookup.Found found) {
            return found;
        }
        if (lookup instanceof KeyLookup.Unavailable unavailable) {
            throw new TokenRejected(AuthenticationFailure.keysUnavailable(unavailable.retryAfter()));
        }
        throw new TokenRejected(Reason.UNKNOWN_KEY);
    }

    private static JWK verifiedBy(SignedJWT jwt, KeyLookup.Found found) throws TokenRejected {
        for (KeyLookup.VerificationKey key : found.keys()) {
            try {
                if (jwt.verify(key.verifier())) {
                    return key.jwk();
                }
            } catch (JOSEException e) {
                // a key/algorithm mismatch the matcher let through: not this key
            }
        }
        throw new TokenRejected(Reason.BAD_SIGNATURE);
    }

    private static void refuseIf(Optional<Reason> problem) throws TokenRejected {
        if (problem.isPresent()) {
            throw new TokenRejected(problem.get());
        }
    }
}
