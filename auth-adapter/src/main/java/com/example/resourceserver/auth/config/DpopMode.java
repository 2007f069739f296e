package com.example.resourceserver.auth.config;

import java.util.Locale;

/** Whether an issuer's tokens may, must or must not come with {@code Authorization: DPoP} (RFC 9449). */
public enum DpopMode {
    ALLOWED,
    REQUIRED,
    DISABLED;

    /** Reads a mode case-insensitively; {@code variable} names the setting in the sentence that stops startup. */
    static DpopMode parse(String value, String variable) {
        String given = value == null ? "" : value.trim();
        for (DpopMode mode : values()) {
            if (mode.name().equalsIgnoreCase(given)) {
                return mode;
            }
        }
        throw new InvalidAuthConfigurationException(variable + " must be allowed, required or disabled.");
    }

    /** Whether plain bearer tokens of such an issuer are accepted. */
    public boolean acceptsBearer() {
        return this != REQUIRED;
    }

    /** Whether DPoP-bound tokens of such an issuer are accepted with the DPoP scheme. */
    public boolean acceptsDpop() {
        return this != DISABLED;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
