package com.example.resourceserver.auth.token;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.util.List;
import java.util.Map;

/**
 * A token's claims, read once: the raw JSON object and Nimbus's typed view of it.
 *
 * <p>RFC 7519 NumericDate: {@code exp}, {@code nbf} and {@code iat} must be JSON numbers of seconds.
 * Strings, booleans, non-finite, negative or absurdly large values make the token invalid before any date
 * arithmetic can overflow (libraries have turned a huge {@code nbf} into a date in 1969).
 */
record TokenPayload(Map<String, Object> json, JWTClaimsSet claims) {

    /** 9999-12-31T23:59:59Z: beyond it a NumericDate is nonsense and may overflow conversions. */
    static final double MAX_NUMERIC_DATE = 253_402_300_799d;

    private static final List<String> TIME_CLAIMS = List.of("exp", "nbf", "iat");

    static TokenPayload of(ParsedJws jws) throws TokenRejected {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(jws.payloadJson());
        } catch (ParseException e) {
            throw new TokenRejected(Reason.MALFORMED);
        }
        if (!timeClaimsAreNumericDates(json)) {
            throw new TokenRejected(Reason.INVALID_CLAIM);
        }
        try {
            return new TokenPayload(json, JWTClaimsSet.parse(json));
        } catch (ParseException e) {
            throw new TokenRejected(Reason.INVALID_CLAIM);
        }
    }

    private static boolean timeClaimsAreNumericDates(Map<String, Object> json) {
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
}
