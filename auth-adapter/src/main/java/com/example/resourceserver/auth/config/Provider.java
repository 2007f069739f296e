package com.example.resourceserver.auth.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Which identity provider issues an issuer's tokens ({@code AUTH_PROVIDER}, {@code auth.issuers.<name>.provider}).
 * Configuration only stores the choice; the token layer maps it to the profile that knows the provider's token
 * shapes. {@link #GENERIC}, the default, is the behaviour for any OpenID Connect / OAuth 2.0 issuer.
 */
public enum Provider {
    GENERIC,
    AUTH0,
    OKTA,
    ENTRA,
    COGNITO,
    KEYCLOAK;

    /** The value operators write, e.g. {@code cognito}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Blank means {@link #GENERIC}; an unknown name stops startup with a sentence naming {@code variable}. */
    static Provider parse(String value, String variable) {
        String given = Blank.toNull(value);
        if (given == null) {
            return GENERIC;
        }
        for (Provider provider : values()) {
            if (provider.value().equals(given.toLowerCase(Locale.ROOT))) {
                return provider;
            }
        }
        throw new InvalidAuthConfigurationException(variable + " must be one of "
                + Arrays.stream(values()).map(Provider::value).collect(Collectors.joining(", "))
                + ", not '" + given + "'.");
    }
}
