package com.example.resourceserver.auth.token.dpop;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.time.Instant;
import java.util.Map;

/**
 * The claims a proof sent to a resource server must carry (RFC 9449 §4.2 and §7.1: {@code ath} too), each of
 * its JSON type: strings that are not empty, and {@code iat} a NumericDate (RFC 7519 §2: a JSON number of
 * seconds, possibly with a fraction), bounded so date arithmetic cannot overflow.
 */
record ProofClaims(String jti, String htm, String htu, Instant iat, String ath) {

    /** 9999-12-31T23:59:59Z, as for access tokens. */
    private static final double MAX_NUMERIC_DATE = 253_402_300_799d;

    static ProofClaims of(Map<String, Object> claims) throws ProofRefused {
        return new ProofClaims(
                text(claims, "jti"),
                text(claims, "htm"),
                text(claims, "htu"),
                numericDate(claims),
                text(claims, "ath"));
    }

    private static String text(Map<String, Object> claims, String name) throws ProofRefused {
        Object value = present(claims, name);
        if (!(value instanceof String text) || text.isEmpty()) {
            throw new ProofRefused(Reason.DPOP_PROOF_INVALID_CLAIM);
        }
        return text;
    }

    private static Instant numericDate(Map<String, Object> claims) throws ProofRefused {
        if (!(present(claims, "iat") instanceof Number number)) {
            throw new ProofRefused(Reason.DPOP_PROOF_INVALID_CLAIM);
        }
        double seconds = number.doubleValue();
        if (!Double.isFinite(seconds) || seconds < 0 || seconds > MAX_NUMERIC_DATE) {
            throw new ProofRefused(Reason.DPOP_PROOF_INVALID_CLAIM);
        }
        return Instant.ofEpochMilli((long) (seconds * 1000));
    }

    private static Object present(Map<String, Object> claims, String name) throws ProofRefused {
        Object value = claims.get(name);
        if (value == null) {
            throw new ProofRefused(Reason.DPOP_PROOF_MISSING_CLAIM); // absent, or JSON null
        }
        return value;
    }
}
