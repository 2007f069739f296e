package com.example.resourceserver.auth.token.introspection;

import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.token.TokenCaller;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges the members of an {@code active: true} answer (RFC 7662 §2.2), strictly: a member of the wrong
 * JSON type refuses the token as it would a JWT's; {@code exp} must be in the future, {@code iss} (when
 * present) the issuer exactly, {@code aud} (when present) must contain the audience.
 */
final class IntrospectionClaims {

    private static final Set<String> STRINGS =
            Set.of("iss", "sub", "client_id", "username", "token_type", "scope", "jti");
    private static final Set<String> TIMES = Set.of("exp", "iat", "nbf");
    private static final long LATEST_SECOND = 253402300799L; // 9999-12-31T23:59:59Z

    private IntrospectionClaims() {}

    static IntrospectionAnswer judge(
            Map<String, Object> json,
            TrustedIssuer issuer,
            Instant now,
            Duration leeway,
            long weight,
            TokenCaller callers) {
        for (String name : STRINGS) {
            if (json.containsKey(name) && !(json.get(name) instanceof String)) {
                return invalid();
            }
        }
        for (String name : TIMES) {
            if (json.containsKey(name) && seconds(json.get(name)) == null) {
                return invalid();
            }
        }
        Object aud = json.get("aud");
        if (aud != null
                && !(aud instanceof String)
                && !(aud instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            return invalid();
        }
        Optional<String> thumbprint;
        Object cnf = json.get("cnf");
        if (cnf == null) {
            thumbprint = Optional.empty();
        } else if (cnf instanceof Map<?, ?> confirmation
                && (confirmation.get("jkt") == null || confirmation.get("jkt") instanceof String)) {
            thumbprint = Optional.ofNullable((String) confirmation.get("jkt"));
        } else {
            return invalid();
        }
        Optional<Instant> expiresAt =
                Optional.ofNullable(seconds(json.get("exp"))).map(Instant::ofEpochSecond);
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get().plus(leeway))) {
            return new IntrospectionAnswer.Refused(Reason.EXPIRED, "expired");
        }
        if (json.containsKey("iss") && !issuer.issuer().equals(json.get("iss"))) {
            return new IntrospectionAnswer.Refused(Reason.UNTRUSTED_ISSUER, "wrong_issuer");
        }
        if (aud != null
                && !(aud instanceof String text
                        ? text.equals(issuer.audience())
                        : ((List<?>) aud).contains(issuer.audience()))) {
            return new IntrospectionAnswer.Refused(Reason.WRONG_AUDIENCE, "wrong_audience");
        }
        try {
            return new IntrospectionAnswer.Active(
                    new IntrospectedToken(
                            callers.of(issuer, json, now),
                            issuer,
                            expiresAt,
                            Collections.unmodifiableMap(json),
                            thumbprint),
                    weight);
        } catch (ParseException | RuntimeException e) {
            return invalid();
        }
    }

    private static IntrospectionAnswer invalid() {
        return new IntrospectionAnswer.Refused(Reason.INVALID_CLAIM, "invalid_claims");
    }

    /** A NumericDate (RFC 7519 §2): a JSON number of whole seconds in a sane range; else null. */
    private static Long seconds(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long seconds = ((Number) value).longValue();
            return seconds >= 0 && seconds <= LATEST_SECOND ? seconds : null;
        }
        if (value instanceof Double || value instanceof Float) {
            double seconds = ((Number) value).doubleValue();
            return seconds >= 0 && seconds <= LATEST_SECOND ? (long) seconds : null;
        }
        return null;
    }
}
