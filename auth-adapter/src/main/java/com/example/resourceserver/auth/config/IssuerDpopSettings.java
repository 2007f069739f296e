package com.example.resourceserver.auth.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * DPoP for one named issuer, {@code auth.issuers.<name>.dpop}: {@code allowed}, {@code required} or
 * {@code disabled}, overriding {@code AUTH_DPOP} for that issuer's tokens. The same prefix as
 * {@link NamedIssuerSettings}, kept in its own type so that DPoP is configured in one place; the top-level
 * issuer is the one named {@code default}.
 */
@EachProperty("auth.issuers")
public class IssuerDpopSettings {

    private final String name;
    private String dpop;

    public IssuerDpopSettings(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public @Nullable String getDpop() {
        return dpop;
    }

    public void setDpop(@Nullable String dpop) {
        this.dpop = dpop;
    }
}
