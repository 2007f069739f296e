package com.example.resourceserver.auth.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * {@code AUTH_LEEWAY}: the clock-skew tolerance, read from the forms people type ({@code 60}, {@code 60s},
 * {@code 500ms}, {@code 2m}, ISO-8601 such as {@code PT1M}) and bounded, since a large leeway would keep
 * expired tokens alive.
 */
final class Leeway {

    static final Duration MAX = Duration.ofMinutes(5);

    private Leeway() {}

    static Duration parse(String value) {
        Duration leeway = readDuration(value == null ? "" : value.trim());
        if (leeway == null || leeway.isNegative() || leeway.compareTo(MAX) > 0) {
            throw new InvalidAuthConfigurationException("AUTH_LEEWAY must be a duration from 0s to 5m, such as 60s.");
        }
        return leeway;
    }

    /** The duration written, or null when it cannot be read. */
    private static Duration readDuration(String value) {
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            int digits = 0;
            while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
                digits++;
            }
            if (digits == 0 || digits > 9) {
                return null;
            }
            long amount = Long.parseLong(value.substring(0, digits));
            return switch (value.substring(digits).toLowerCase(Locale.ROOT)) {
                case "", "s" -> Duration.ofSeconds(amount);
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> null;
            };
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
