package com.example.resourceserver.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/** The Auth0 shorthand of the quickstarts: {@code AUTH0_DOMAIN} and {@code AUTH0_AUDIENCE}. */
@ConfigurationProperties("auth0")
public class Auth0Settings {

    private String domain;
    private String audience;

    public @Nullable String getDomain() {
        return domain;
    }

    public void setDomain(@Nullable String domain) {
        this.domain = domain;
    }

    public @Nullable String getAudience() {
        return audience;
    }

    public void setAudience(@Nullable String audience) {
        this.audience = audience;
    }
}
