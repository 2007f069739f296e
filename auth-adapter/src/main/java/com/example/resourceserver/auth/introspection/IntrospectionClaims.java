package com.example.resourceserver.auth.introspection;

import com.example.resourceserver.auth.json.NumericDate;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Judges the members of an {@code active: true} answer (RFC 7662 §2.2), strictly: a member of the wrong
 * JSON type refuses the token as it would a JWT's; {@code exp} must be in the future, {@code iss} (when
 * present) the issuer exactly, {@code aud} (when present) must contain the audience, {@code cnf.jkt} (when
 * present) a string.
 */
final class IntrospectionClaims {

    private static final Set<String> STRINGS =
            Set.of("iss", "sub", "client_id", "username", "token_type", "scope", "jti");
    private static final Set<String> TIMES = Set.of("exp", "iat", "nbf");

    private IntrospectionClaims() {}

    static IntrospectionAnswer judge(
            Map<String, Object> json, String issuer, String audience, Instant now, Duration leeway, long weight) {
        for (String name : STRINGS) {
            if (json.containsKey(name) && !(json.get(name) instanceof String)) {
                return invalid();
            }
        }
        for (String name : TIMES) {
            if (json.containsKey(name) && NumericDate.of(json.get(name)) == null) {
                return invalid();
            }
        }
        Object aud = json.get("aud");
        if (aud != null
                && !(aud instanceof String)
                && !(aud instanceof List<?> list && list.stream().allMatch(String.class::isInstance))) {
            return invalid();
        }
        Object cnf = json.get("cnf");
        if (cnf != null
                && !(cnf instanceof Map<?, ?> confirmation
                        && (confirmation.get("jkt") == null || confirmation.get("jkt") instanceof String))) {
            return invalid();
        }
        Optional<Instant> expiresAt = Optional.ofNullable(NumericDate.of(json.get("exp")));
        if (expiresAt.isPresent() && !now.isBefore(expiresAt.get().plus(leeway))) {
            return new IntrospectionAnswer.Refused(Reason.EXPIRED, "expired");
        }
        if (json.containsKey("iss") && !issuer.equals(json.get("iss"))) {
            return new IntrospectionAnswer.Refused(Reason.UNTRUSTED_ISSUER, "wrong_issuer");
        }
        if (aud != null && !(aud instanceof String text ? text.equals(audience) : ((List<?>) aud).contains(audience))) {
            return new IntrospectionAnswer.Refused(Reason.WRONG_AUDIENCE, "wrong_audience");
        }
        return new IntrospectionAnswer.Active(json, expiresAt, weight);
    }

    static IntrospectionAnswer invalid() {
        return new IntrospectionAnswer.Refused(Reason.INVALID_CLAIM, "invalid_claims");
    }
}
