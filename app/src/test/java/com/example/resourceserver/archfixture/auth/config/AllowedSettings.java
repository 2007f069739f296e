package com.example.resourceserver.archfixture.auth.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;

/**
 * A settings type: Micronaut binds it, so it may use Micronaut. The processor does write a bean
 * definition for it; {@code @Requires} on a property nothing sets keeps that bean out of every context.
 */
@ConfigurationProperties("archfixture")
@Requires(property = "archfixture.never-set")
public class AllowedSettings {

    private String issuer;

    public String getIssuer() {
        return issuer;
    }

    public void setIssuer(String issuer) {
        this.issuer = issuer;
    }
}
