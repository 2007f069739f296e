package com.example.resourceserver.archfixture.auth.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Requires;

/** A settings type bound once per name, which may use Micronaut too; never a bean (see {@link AllowedSettings}). */
@EachProperty("archfixture.issuers")
@Requires(property = "archfixture.never-set")
public class AllowedNamedSettings {

    private String audience;

    public String getAudience() {
        return audience;
    }

    public void setAudience(String audience) {
        this.audience = audience;
    }
}
