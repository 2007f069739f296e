package com.example.resourceserver.auth.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One issuer's settings as configured, before they are checked: the top-level ones (the entry named
 * {@value #DEFAULT_NAME}) or one {@code auth.issuers.<name>}. Both are read and checked the same way; only the
 * names in the sentences differ, and {@link #variable} gives them. Values are trimmed; blank counts as unset.
 *
 * @param name     the issuer's name in logs, health and metrics
 * @param topLevel whether the values come from the top-level settings
 * @param values   the settings that are set
 */
public record IssuerEntry(String name, boolean topLevel, Map<IssuerSetting, String> values) {

    /** The name of the entry made of the top-level {@code AUTH_*} variables. */
    public static final String DEFAULT_NAME = "default";

    public IssuerEntry {
        Objects.requireNonNull(name, "name");
        EnumMap<IssuerSetting, String> set = new EnumMap<>(IssuerSetting.class);
        values.forEach((setting, value) -> {
            String trimmed = Blank.toNull(value);
            if (trimmed != null) {
                set.put(setting, trimmed);
            }
        });
        values = set.isEmpty() ? Map.of() : Map.copyOf(set);
    }

    /** The top-level settings, looked up by property name ({@code auth.issuer}, ...). */
    public static IssuerEntry topLevel(Function<String, String> lookup) {
        return read(DEFAULT_NAME, true, setting -> lookup.apply(setting.property));
    }

    /** The settings under {@code auth.issuers.<name>}, looked up by property name. */
    public static IssuerEntry listed(String name, Function<String, String> lookup) {
        return read(name, false, setting -> lookup.apply("auth.issuers." + name + "." + setting.key));
    }

    private static IssuerEntry read(String name, boolean topLevel, Function<IssuerSetting, String> lookup) {
        Map<IssuerSetting, String> values = new EnumMap<>(IssuerSetting.class);
        for (IssuerSetting setting : IssuerSetting.values()) {
            String value = lookup.apply(setting);
            if (value != null) {
                values.put(setting, value);
            }
        }
        return new IssuerEntry(name, topLevel, values);
    }

    /** The value, trimmed; null when unset or blank. */
    public String value(IssuerSetting setting) {
        return values.get(setting);
    }

    public boolean has(IssuerSetting setting) {
        return values.containsKey(setting);
    }

    /** What the operator typed to set {@code setting} here: {@code AUTH_ISSUER}, {@code auth.issuers.x.issuer}. */
    public String variable(IssuerSetting setting) {
        return topLevel ? setting.variable : source() + "." + setting.key;
    }

    /** The entry as a whole: {@code AUTH_ISSUER} or {@code auth.issuers.<name>}. */
    public String source() {
        return topLevel ? IssuerSetting.ISSUER.variable : "auth.issuers." + name;
    }

    /** Whether the entry configures an issuer at all (introspection or DPoP settings alone do not). */
    public boolean isUnset() {
        return values.keySet().stream().noneMatch(IssuerSetting::identifies);
    }

    /** Neither issuer, audience nor JWKS URL is set (provider settings may be). */
    boolean namesNoIssuer() {
        return !has(IssuerSetting.ISSUER) && !has(IssuerSetting.AUDIENCE) && !has(IssuerSetting.JWKS_URI);
    }

    /** The sentence when the issuer is missing although {@code setVariable} is set. */
    String missingIssuer(String setVariable) {
        return topLevel
                ? setVariable + " is set but AUTH_ISSUER is missing: set AUTH_ISSUER to the exact iss value of your "
                        + "tokens."
                : variable(IssuerSetting.ISSUER)
                        + " is missing: every entry under auth.issuers needs an issuer and an audience.";
    }

    /** The sentence when the issuer is set but the audience is missing. */
    String missingAudience() {
        return topLevel
                ? "AUTH_ISSUER is set but AUTH_AUDIENCE is missing: set AUTH_AUDIENCE to the API identifier your "
                        + "tokens carry in aud."
                : variable(IssuerSetting.AUDIENCE)
                        + " is missing: every entry under auth.issuers needs an issuer and an audience.";
    }

    /** The first identifying setting that is set, for "X is set but the issuer is missing". */
    String firstSetVariable() {
        for (IssuerSetting setting : IssuerSetting.values()) {
            if (setting.identifies() && has(setting)) {
                return variable(setting);
            }
        }
        return variable(IssuerSetting.ISSUER);
    }
}
