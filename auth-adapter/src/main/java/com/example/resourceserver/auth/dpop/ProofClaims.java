package com.example.resourceserver.auth.dpop;

import com.example.resourceserver.auth.json.NumericDate;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.time.Instant;
import java.util.Map;

/**
 * The claims a proof sent to a resource server must carry (RFC 9449 §4.2 and §7.1: {@code ath} too), each of
 * its JSON type: strings that are not empty, and {@code iat} a NumericDate (RFC 7519 §2: a JSON number of
 * seconds, possibly with a fraction), bounded so date arithmetic cannot overflow.
 */
record ProofClaims(String jti, String htm, String htu, Instant iat, String ath) {

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
        Instant iat = NumericDate.of(present(claims, "iat"));
        if (iat == null) {
            throw new ProofRefused(Reason.DPOP_PROOF_INVALID_CLAIM);
        }
        return iat;
    }

    private static Object present(Map<String, Object> claims, String name) throws ProofRefused {
        Object value = claims.get(name);
        if (value == null) {
            throw new ProofRefused(Reason.DPOP_PROOF_MISSING_CLAIM); // absent, or JSON null
        }
        return value;
    }
}
