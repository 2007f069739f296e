package com.example.resourceserver.auth.introspection;

import com.example.resourceserver.auth.http.BoundedFetcher;
import com.example.resourceserver.auth.json.NumericDate;
import com.example.resourceserver.auth.jws.Jws;
import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.keys.IssuerKeys;
import com.example.resourceserver.auth.keys.KeyAccess;
import com.example.resourceserver.auth.keys.KeyLookup;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Opens an RFC 9701 JWT introspection answer, trusting nothing in it before its signature is verified
 * by a key of the issuer's own key set (the keys its access tokens are verified with; {@code jku}, {@code jwk},
 * {@code x5u} and {@code x5c} are never consulted). In order: a compact JWS read by the service's one
 * {@link JwsReader} (a JWE is refused: we hold no decryption key), an algorithm of the access-token allow-list
 * (so asymmetric only), {@code typ} {@code token-introspection+jwt} (§5, which keeps an ID token or access
 * token of the same issuer from passing as an answer), no critical parameter, an encoded payload, a key of
 * the issuer matching the header, the signature, then the claims: {@code iss} the issuer exactly,
 * {@code aud} our client id, {@code iat} present and recent ({@code exp}, when present, not passed), and a
 * {@code token_introspection} object: the RFC 7662 answer, which the caller judges as a plain one.
 *
 * <p>Every refusal is a {@link BoundedFetcher.Failure}: an answer we cannot trust says nothing about the
 * token, so the request gets 503 and the failure is never remembered.
 */
final class SignedAnswer {

    static final String MEDIA_TYPE = "application/token-introspection+jwt";

    private static final Set<JOSEObjectType> TYPES =
            Set.of(new JOSEObjectType("token-introspection+jwt"), new JOSEObjectType(MEDIA_TYPE));

    private final String issuer;
    private final String clientId;
    private final IssuerKeys keys;
    private final JwsReader reader;
    private final Set<JWSAlgorithm> algorithms;
    private final Clock clock;
    private final Duration leeway;
    private final Duration maxAge;

    /**
     * @param maxAge how old {@code iat} may be beyond the leeway: the answer was made for this exchange, so
     *               the exchange's timeout (an older one is a replay or a badly wrong clock)
     */
    SignedAnswer(
            String issuer,
            String clientId,
            IssuerKeys keys,
            JwsReader reader,
            Set<JWSAlgorithm> algorithms,
            Clock clock,
            Duration leeway,
            Duration maxAge) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.keys = keys;
        this.reader = reader;
        this.algorithms = Set.copyOf(algorithms);
        this.clock = clock;
        this.leeway = leeway;
        this.maxAge = maxAge;
    }

    /** The {@code token_introspection} member of a verified answer. May block while the issuer's keys are fetched. */
    Map<String, Object> open(String body) throws BoundedFetcher.Failure {
        String compact = body.strip();
        if (compact.chars().filter(c -> c == '.').count() == 4) {
            throw failure("answer_encrypted");
        }
        Jws jws;
        try {
            jws = reader.read(compact, Integer.MAX_VALUE); // the fetcher bounded the body already
        } catch (JwsReader.Refused e) {
            throw failure("answer_malformed");
        }
        JWSHeader header = jws.header().parsed();
        if (header == null) {
            throw failure("answer_malformed"); // alg none, or members Nimbus does not take for a JWS header
        }
        if (!algorithms.contains(header.getAlgorithm())) {
            throw failure("answer_wrong_algorithm");
        }
        if (header.getType() == null || !TYPES.contains(header.getType())) {
            throw failure("answer_wrong_type");
        }
        if ((header.getCriticalParams() != null && !header.getCriticalParams().isEmpty())
                || !header.isBase64URLEncodePayload()) {
            throw failure("answer_malformed");
        }
        KeyLookup lookup = keys.lookup(header, KeyAccess.FETCH_IF_NEEDED);
        if (lookup instanceof KeyLookup.Unavailable) {
            throw failure("keys_unavailable");
        }
        if (!(lookup instanceof KeyLookup.Found found)) {
            throw failure("answer_unknown_key");
        }
        if (jws.verifiedBy(found.keys()) == null) {
            throw failure("answer_bad_signature");
        }
        Map<String, Object> claims;
        try {
            claims = jws.payload();
        } catch (JwsReader.Refused e) {
            throw failure("answer_malformed");
        }
        checkClaims(claims);
        if (!(claims.get("token_introspection") instanceof Map<?, ?> answer)) {
            throw failure("invalid_answer");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> members = (Map<String, Object>) answer;
        return members;
    }

    private void checkClaims(Map<String, Object> claims) throws BoundedFetcher.Failure {
        if (!issuer.equals(claims.get("iss"))) {
            throw failure("answer_wrong_issuer");
        }
        Object aud = claims.get("aud");
        boolean forUs = aud instanceof String one
                ? one.equals(clientId)
                : aud instanceof List<?> list && list.contains(clientId);
        if (!forUs) {
            throw failure("answer_wrong_audience");
        }
        Instant now = clock.instant();
        Instant issuedAt = NumericDate.of(claims.get("iat"));
        if (issuedAt == null
                || issuedAt.isAfter(now.plus(leeway))
                || issuedAt.isBefore(now.minus(leeway).minus(maxAge))) {
            throw failure("answer_wrong_time");
        }
        Instant expiresAt = NumericDate.of(claims.get("exp"));
        if (claims.get("exp") != null && (expiresAt == null || !now.isBefore(expiresAt.plus(leeway)))) {
            throw failure("answer_wrong_time");
        }
    }

    private static BoundedFetcher.Failure failure(String outcome) {
        return new BoundedFetcher.Failure(outcome, "the signed introspection answer is refused: " + outcome);
    }
}
