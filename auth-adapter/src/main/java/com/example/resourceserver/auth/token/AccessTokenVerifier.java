package com.example.resourceserver.auth.token;

import com.example.resourceserver.auth.config.VerificationPolicy;
import com.example.resourceserver.auth.keys.IssuerKeys;
import com.example.resourceserver.auth.keys.KeyAccess;
import com.example.resourceserver.auth.keys.KeyLookup;
import com.example.resourceserver.auth.keys.TrustedKeySets;
import com.example.resourceserver.auth.token.profile.ProviderProfile;
import com.example.resourceserver.auth.token.profile.ProviderProfiles;
import com.example.resourceserver.auth.token.rules.ClaimRule;
import com.example.resourceserver.auth.token.rules.HeaderRule;
import com.example.resourceserver.auth.token.rules.TokenClaims;
import com.example.resourceserver.auth.token.rules.TokenRules;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.Caller;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether a bearer token is a valid access token for this API, and for whom.
 *
 * <p>The steps, in order; the first failure decides the reason: shape and parsing (before any decoding),
 * the {@link TokenRules#headerRules header rules}, the claims' well-formedness, the trusted issuer (exact
 * {@code iss}), its key by {@code kid} ({@link TrustedKeySets}), the signature, the
 * {@link TokenRules#timeRules time rules} followed by the issuer's {@link ProviderProfile provider profile}'s
 * claim rules (built once per issuer), and finally the caller: subject and grants as the profile reads them,
 * the grants turned into the domain's scopes by {@link GrantedScopes}. Header parameters {@code jku},
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
    private final Map<String, IssuerProfile> profiles;
    private final GrantedScopes grantedScopes;
    private final Clock clock;

    /** One issuer's claim rules (time rules, then its profile's) and profile, built once at startup. */
    private record IssuerProfile(List<ClaimRule> claimRules, ProviderProfile profile) {}

    /** Grants are the scopes of the same value (no prefixes or aliases). */
    public AccessTokenVerifier(TrustedKeySets keySets, VerificationPolicy policy, Clock clock) {
        this(keySets, policy, clock, GrantedScopes.AS_GRANTED);
    }

    public AccessTokenVerifier(
            TrustedKeySets keySets, VerificationPolicy policy, Clock clock, GrantedScopes grantedScopes) {
        this.keySets = keySets;
        this.parser = new SignedTokenParser(policy.maxTokenLength());
        this.headerRules = TokenRules.headerRules(policy);
        this.grantedScopes = grantedScopes;
        this.clock = clock;
        Map<String, IssuerProfile> byIssuer = new HashMap<>();
        for (IssuerKeys keys : keySets.all()) {
            ProviderProfile profile = ProviderProfiles.of(keys.issuer().provider());
            List<ClaimRule> rules = new ArrayList<>(TokenRules.timeRules(policy));
            rules.addAll(profile.claimRules());
            byIssuer.put(keys.issuer().issuer(), new IssuerProfile(List.copyOf(rules), profile));
        }
        this.profiles = Map.copyOf(byIssuer);
    }

    public Verification verify(String token, KeyAccess access) {
        try {
            ParsedJws jwt = parser.parse(token);
            JWSHeader header = jwt.header();
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
            IssuerProfile issuer = profiles.get(keys.issuer().issuer());
            for (ClaimRule rule : issuer.claimRules()) {
                refuseIf(rule.check(claims));
            }
            Caller caller = new Caller(
                    issuer.profile().subjectOf(claims),
                    grantedScopes.of(keys.issuer(), issuer.profile().grantsOf(claims)));
            return new Verification.Verified(new VerifiedToken(
                    caller,
                    keys.issuer(),
                    signingKey,
                    payload.claims().getExpirationTime().toInstant(),
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

    private static JWK verifiedBy(ParsedJws jwt, KeyLookup.Found found) throws TokenRejected {
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
