package com.example.resourceserver.auth.token.introspection;

import com.example.resourceserver.auth.config.IntrospectionTarget;
import com.example.resourceserver.auth.keys.IssuerKeys;
import com.example.resourceserver.auth.keys.KeyAccess;
import com.example.resourceserver.auth.keys.KeyLookup;
import com.example.resourceserver.auth.keys.TrustedKeySets;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opens an RFC 9701 JWT introspection answer, trusting nothing in it before its signature is verified
 * by a key of the issuer's own key set ({@link TrustedKeySets}, the keys its access tokens are verified
 * with; {@code jku}, {@code jwk}, {@code x5u} and {@code x5c} are never consulted). In order: a compact
 * JWS (a JWE is refused: we hold no decryption key), an algorithm of the access-token allow-list (so
 * asymmetric only), {@code typ} {@code token-introspection+jwt} (§5, which keeps an ID token or access
 * token of the same issuer from passing as an answer), no critical parameter, an encoded payload, a key of
 * the issuer matching the header, the signature, then the claims: {@code iss} the issuer exactly,
 * {@code aud} our client id, {@code iat} present and recent ({@code exp}, when present, not passed), and a
 * {@code token_introspection} object: the RFC 7662 answer, which the caller judges as a plain one.
 *
 * <p>Every refusal is a {@link BoundedHttp.Failure}: an answer we cannot trust says nothing about the
 * token, so the request gets 503 and the failure is never remembered.
 */
final class SignedAnswerVerifier {

    static final String MEDIA_TYPE = "application/token-introspection+jwt";

    private static final Set<JOSEObjectType> TYPES =
            Set.of(new JOSEObjectType("token-introspection+jwt"), new JOSEObjectType(MEDIA_TYPE));

    private final IntrospectionTarget target;
    private final TrustedKeySets keySets;
    private final Set<JWSAlgorithm> algorithms;
    private final Clock clock;
    private final Duration leeway;
    private final Duration maxAge;

    /**
     * @param maxAge how old {@code iat} may be beyond the leeway: the answer was made for this exchange, so
     *               the exchange's timeout (an older one is a replay or a badly wrong clock)
     */
    SignedAnswerVerifier(
            IntrospectionTarget target,
            TrustedKeySets keySets,
            Set<JWSAlgorithm> algorithms,
            Clock clock,
            Duration leeway,
            Duration maxAge) {
        this.target = target;
        this.keySets = keySets;
        this.algorithms = Set.copyOf(algorithms);
        this.clock = clock;
        this.leeway = leeway;
        this.maxAge = maxAge;
    }

    /** The {@code token_introspection} member of a verified answer. May block while the issuer's keys are fetched. */
    Map<String, Object> open(String body) throws BoundedHttp.Failure {
        SignedJWT jwt = parse(body.strip());
        JWSHeader header = jwt.getHeader();
        if (!algorithms.contains(header.getAlgorithm())) {
            throw new BoundedHttp.Failure("answer_wrong_algorithm");
        }
        if (header.getType() == null || !TYPES.contains(header.getType())) {
            throw new BoundedHttp.Failure("answer_wrong_type");
        }
        if ((header.getCriticalParams() != null && !header.getCriticalParams().isEmpty())
                || !header.isBase64URLEncodePayload()) {
            throw new BoundedHttp.Failure("answer_malformed");
        }
        verifySignature(jwt, header);
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new BoundedHttp.Failure("answer_malformed");
        }
        checkClaims(claims);
        try {
            Map<String, Object> answer = claims.getJSONObjectClaim("token_introspection");
            if (answer == null) {
                throw new BoundedHttp.Failure("invalid_answer");
            }
            return answer;
        } catch (ParseException e) { // not a JSON object
            throw new BoundedHttp.Failure("invalid_answer");
        }
    }

    private static SignedJWT parse(String body) throws BoundedHttp.Failure {
        if (body.chars().filter(c -> c == '.').count() == 4) {
            throw new BoundedHttp.Failure("answer_encrypted");
        }
        try {
            return SignedJWT.parse(body); // alg none does not parse as a JWS header
        } catch (ParseException e) {
            throw new BoundedHttp.Failure("answer_malformed");
        }
    }

    private void verifySignature(SignedJWT jwt, JWSHeader header) throws BoundedHttp.Failure {
        IssuerKeys keys = keySets.forIssuer(target.issuer().issuer());
        if (keys == null) {
            throw new BoundedHttp.Failure("answer_unknown_key");
        }
        KeyLookup lookup = keys.lookup(header, KeyAccess.FETCH_IF_NEEDED);
        if (lookup instanceof KeyLookup.Unavailable) {
            throw new BoundedHttp.Failure("keys_unavailable");
        }
        if (!(lookup instanceof KeyLookup.Found found)) {
            throw new BoundedHttp.Failure("answer_unknown_key");
        }
        for (KeyLookup.VerificationKey key : found.keys()) {
            try {
                if (jwt.verify(key.verifier())) {
                    return;
                }
            } catch (JOSEException e) {
                // a key/algorithm mismatch the matcher let through: not this key
            }
        }
        throw new BoundedHttp.Failure("answer_bad_signature");
    }

    private void checkClaims(JWTClaimsSet claims) throws BoundedHttp.Failure {
        if (!target.issuer().issuer().equals(claims.getIssuer())) {
            throw new BoundedHttp.Failure("answer_wrong_issuer");
        }
        List<String> audience = claims.getAudience(); // a single string or an array of strings, else empty
        if (!audience.contains(target.clientId())) {
            throw new BoundedHttp.Failure("answer_wrong_audience");
        }
        Instant now = clock.instant();
        Instant issuedAt = instant(claims, "iat");
        if (issuedAt == null
                || issuedAt.isAfter(now.plus(leeway))
                || issuedAt.isBefore(now.minus(leeway).minus(maxAge))) {
            throw new BoundedHttp.Failure("answer_wrong_time");
        }
        Instant expiresAt = instant(claims, "exp");
        if (claims.getClaim("exp") != null && (expiresAt == null || !now.isBefore(expiresAt.plus(leeway)))) {
            throw new BoundedHttp.Failure("answer_wrong_time");
        }
    }

    /** A NumericDate claim, or null when absent or not a number. */
    private static Instant instant(JWTClaimsSet claims, String name) {
        try {
            Date date = claims.getDateClaim(name);
            return date == null ? null : date.toInstant();
        } catch (ParseException e) {
            return null;
        }
    }
}
