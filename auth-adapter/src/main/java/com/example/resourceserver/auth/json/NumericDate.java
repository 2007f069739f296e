package com.example.resourceserver.auth.json;

import java.time.Instant;

/**
 * RFC 7519 §2 NumericDate, read strictly wherever a peer sends a time ({@code exp}, {@code nbf}, {@code iat},
 * a proof's {@code iat}, an introspection answer's times, {@code auth_time}): a JSON number of seconds since
 * the epoch, finite, not negative and not past 9999-12-31. Strings, booleans and absurd values are refused
 * before any date arithmetic can overflow (libraries have turned a huge {@code nbf} into a date in 1969).
 */
public final class NumericDate {

    /** 9999-12-31T23:59:59Z. */
    public static final double LATEST = 253_402_300_799d;

    private NumericDate() {}

    /** The instant, with millisecond precision; null when {@code value} is not a valid NumericDate. */
    public static Instant of(Object value) {
        if (!(value instanceof Number number)) {
            return null;
        }
        double seconds = number.doubleValue();
        if (!Double.isFinite(seconds) || seconds < 0 || seconds > LATEST) {
            return null;
        }
        return value instanceof Long whole
                ? Instant.ofEpochSecond(whole)
                : Instant.ofEpochMilli((long) (seconds * 1000));
    }

    /** Whether the member is absent (or JSON null) or a valid NumericDate. */
    public static boolean absentOrValid(Object value) {
        return value == null || of(value) != null;
    }
}
