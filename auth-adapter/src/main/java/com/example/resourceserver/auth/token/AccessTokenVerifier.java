package com.example.resourceserver.auth.token;

import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.config.VerificationPolicy;
import com.example.resourceserver.auth.keys.IssuerKeys;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.Caller;
import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.Closeable;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a bearer token is a valid access token for this API, and for whom.
 *
 * <p>The order of checks: shape (before any decoding), header (algorithm allow-list, {@code crit},
 * {@code typ}), time-claim sanity, trusted issuer, key by {@code kid} from that issuer's JWKS,
 * signature, then {@code exp}/{@code nbf}/{@code iat} with leeway and {@code aud}. The first failure
 * decides the reason. Header parameters {@code jku}, {@code x5u}, {@code jwk} and {@code x5c} are never
 * consulted: keys come only from the configured key set.
 *
 * <p>Nimbus does the parsing, key selection, key caching and the signature maths. We orchestrate the
 * steps instead of using {@code DefaultJWTProcessor} because that one parses the payload twice, builds
 * a public key and a verifier for every token, and reports failures only as message strings, while we
 * need a typed reason for every failure (RFC 6750 responses, metrics) and a lean path.
 *
 * <p>{@link #verify(String)} may block while a key set is fetched (unknown {@code kid}, expired cache):
 * it must not run on an event-loop thread. {@link KeyAccess#CACHED_ONLY} never blocks, so callers can
 * try it first on any thread and go off the event loop only when keys must be fetched.
 */
public final class AccessTokenVerifier implements Closeable {

    /** 9999-12-31T23:59:59Z: beyond it a NumericDate is nonsense and may overflow conversions. */
    static final double MAX_NUMERIC_DATE = 253_402_300_799d;
    private static final List<String> TIME_CLAIMS = List.of("exp", "nbf", "iat");

    private final Map<String, IssuerKeys> issuersById;
    private final VerificationPolicy policy;
    private final Clock clock;

    public AccessTokenVerifier(Collection<IssuerKeys> issuers, VerificationPolicy policy, Clock clock) {
        Map<String, IssuerKeys> byId = new LinkedHashMap<>();
        for (IssuerKeys keys : issuers) {
            byId.put(keys.issuer().issuer(), keys);
        }
        this.issuersById = Collections.unmodifiableMap(byId);
        this.policy = policy;
        this.clock = clock;
    }

    public Collection<IssuerKeys> issuers() {
        return issuersById.values();
    }

    public VerificationPolicy policy() {
        return policy;
    }

    /** Whether a verdict reached earlier for this issuer may stand: its keys are still usable without a fetch. */
    public boolean keysStillUsable(TrustedIssuer issuer) {
        IssuerKeys keys = issuersById.get(issuer.issuer());
        return keys != null && keys.hasUsableKeys();
    }

    /** How far verification may go to find a signing key. */
    public enum KeyAccess {
        /** Keys in a fresh cached key set only; never blocks. A miss answers {@link Verification#KEYS_NOT_CACHED}. */
        CACHED_ONLY,
        /** Cached keys, else fetch (rate-limited), else keys within the stale period. May block. */
        FETCH_IF_NEEDED,
        /** Cached keys, stale ones within the stale period included; never blocks. A miss is "keys unavailable". */
        CACHED_OR_STALE
    }

    /** Full verification, fetching keys if needed: may block, so never call it on an event loop. */
    public Verification verify(String token) {
        return verify(token, KeyAccess.FETCH_IF_NEEDED);
    }

    public Verification verify(String token, KeyAccess access) {
        if (token == null || token.length() > policy.maxTokenLength()) {
            return Verification.rejected(Reason.MALFORMED);
        }
        if (!CompactJws.isWellFormed(token, policy.maxTokenLength())) {
            return Verification.rejected(isUnsigned(token) ? Reason.DISALLOWED_ALGORITHM : Reason.MALFORMED);
        }
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            return Verification.rejected(isUnsigned(token) ? Reason.DISALLOWED_ALGORITHM : Reason.MALFORMED);
        }

        JWSHeader header = jwt.getHeader();
        Reason headerProblem = headerProblem(header);
        if (headerProblem != null) {
            return Verification.rejected(headerProblem);
        }

        Map<String, Object> json;
        JWTClaimsSet claims;
        try {
            json = JSONObjectUtils.parse(jwt.getPayload().toString());
        } catch (ParseException e) {
            return Verification.rejected(Reason.MALFORMED);
        }
        if (!timeClaimsAreSane(json)) {
            return Verification.rejected(Reason.INVALID_CLAIM);
        }
        try {
            claims = JWTClaimsSet.parse(json);
        } catch (ParseException e) {
            return Verification.rejected(Reason.INVALID_CLAIM);
        }

        String iss = claims.getIssuer();
        if (iss == null) {
            return Verification.rejected(Reason.MISSING_CLAIM);
        }
        IssuerKeys keys = issuersById.get(iss); // exact, character for character
        if (keys == null) {
            return Verification.rejected(Reason.UNTRUSTED_ISSUER);
        }

        List<JWK> candidates;
        switch (access) {
            case CACHED_ONLY -> {
                candidates = keys.cachedCandidates(header, false);
                if (candidates == null || candidates.isEmpty()) {
                    return Verification.KEYS_NOT_CACHED;
                }
            }
            case CACHED_OR_STALE -> {
                candidates = keys.cachedCandidates(header, true);
                if (candidates == null || candidates.isEmpty()) {
                    return new Verification.Rejected(AuthenticationFailure.keysUnavailable(keys.retryAfter()));
                }
            }
            default -> {
                try {
                    candidates = keys.candidates(header);
                } catch (RateLimitReachedException e) {
                    candidates = List.of(); // a refetch ran moments ago: the kid is unknown, not the keys unreachable
                } catch (KeySourceException e) {
                    return new Verification.Rejected(AuthenticationFailure.keysUnavailable(keys.retryAfter()));
                }
            }
        }
        if (candidates.isEmpty()) {
            return keys.status().lastAttemptFailed()
                    ? new Verification.Rejected(AuthenticationFailure.keysUnavailable(keys.retryAfter()))
                    : Verification.rejected(Reason.UNKNOWN_KEY);
        }
        JWK signingKey = verifiedBy(jwt, candidates, keys);
        if (signingKey == null) {
            return Verification.rejected(Reason.BAD_SIGNATURE);
        }

        Reason claimProblem = claimProblem(claims, keys.issuer());
        if (claimProblem != null) {
            return Verification.rejected(claimProblem);
        }
        Caller caller = new Caller(subjectOf(claims), ScopeClaims.granted(json));
        return new Verification.Verified(new VerifiedToken(caller, keys.issuer(), signingKey,
                claims.getExpirationTime().toInstant(), Collections.unmodifiableMap(json)));
    }

    private Reason headerProblem(JWSHeader header) {
        if (!policy.algorithms().contains(header.getAlgorithm())) {
            return Reason.DISALLOWED_ALGORITHM;
        }
        // RFC 7515 §4.1.11: we implement no extension, so any critical parameter is one we do not understand.
        if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
            return Reason.UNSUPPORTED_CRITICAL_HEADER;
        }
        if (!header.isBase64URLEncodePayload()) {
            return Reason.MALFORMED; // RFC 7797 unencoded payloads are not JWTs
        }
        JOSEObjectType type = header.getType();
        if (type == null ? policy.typeRequired() : !policy.allowedTypes().contains(type)) {
            return Reason.DISALLOWED_TYPE;
        }
        return null;
    }

    private static JWK verifiedBy(SignedJWT jwt, List<JWK> candidates, IssuerKeys keys) {
        for (JWK candidate : candidates) {
            JWSVerifier verifier = keys.verifierFor(candidate);
            if (verifier == null) {
                continue;
            }
            try {
                if (jwt.verify(verifier)) {
                    return candidate;
                }
            } catch (JOSEException e) {
                // a key/algorithm mismatch the matcher let through: not this key
            }
        }
        return null;
    }

    private Reason claimProblem(JWTClaimsSet claims, TrustedIssuer issuer) {
        Instant now = clock.instant();
        Duration leeway = policy.leeway();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            return Reason.MISSING_CLAIM;
        }
        if (!now.isBefore(exp.toInstant().plus(leeway))) {
            return Reason.EXPIRED;
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.isBefore(nbf.toInstant().minus(leeway))) {
            return Reason.NOT_YET_VALID;
        }
        Date iat = claims.getIssueTime();
        if (iat != null && now.isBefore(iat.toInstant().minus(leeway))) {
            return Reason.ISSUED_IN_FUTURE;
        }
        List<String> audience = claims.getAudience();
        if (audience.isEmpty()) {
            return Reason.MISSING_CLAIM;
        }
        if (!audience.contains(issuer.audience())) {
            return Reason.WRONG_AUDIENCE;
        }
        return null;
    }

    /**
     * RFC 7519 NumericDate: a JSON number of seconds. Strings, booleans, non-finite, negative or
     * absurdly large values make the token invalid before any date arithmetic can overflow (libraries
     * have turned a huge {@code nbf} into a date in 1969).
     */
    private static boolean timeClaimsAreSane(Map<String, Object> json) {
        for (String name : TIME_CLAIMS) {
            Object value = json.get(name);
            if (value == null) {
                continue;
            }
            if (!(value instanceof Number number)) {
                return false;
            }
            double seconds = number.doubleValue();
            if (!Double.isFinite(seconds) || seconds < 0 || seconds > MAX_NUMERIC_DATE) {
                return false;
            }
        }
        return true;
    }

    /** {@code sub}, or for client-credentials tokens without one, the client. */
    private static String subjectOf(JWTClaimsSet claims) {
        String subject = claims.getSubject();
        if (subject != null && !subject.isBlank()) {
            return subject;
        }
        for (String claim : List.of("client_id", "azp")) {
            Object value = claims.getClaim(claim);
            if (value instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return "unknown";
    }

    /** Whether a token that failed to parse as JWS announced {@code alg: none} (for a precise reason). */
    private static boolean isUnsigned(String token) {
        try {
            int firstDot = token.indexOf('.');
            if (firstDot <= 0) {
                return false;
            }
            Header header = Header.parse(new Base64URL(token.substring(0, firstDot)));
            return Algorithm.NONE.equals(header.getAlgorithm());
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        for (IssuerKeys keys : issuersById.values()) {
            keys.close();
        }
    }
}
