package com.example.resourceserver.auth.config;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;

/**
 * Introspection for one named issuer, {@code auth.issuers.<name>.introspection-uri},
 * {@code introspection-client-id}, {@code introspection-client-secret}, {@code introspect-jwts} and
 * {@code introspection-signed-responses} (unset: {@code none}): the
 * same prefix as {@link NamedIssuerSettings}, kept in its own type so that introspection is configured
 * in one place. Micronaut binds both from the same entries.
 */
@EachProperty("auth.issuers")
public class IssuerIntrospectionSettings {

    private final String name;
    private String introspectionUri;
    private String introspectionClientId;
    private String introspectionClientSecret;
    private boolean introspectJwts;
    private String introspectionSignedResponses;

    public IssuerIntrospectionSettings(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public @Nullable String getIntrospectionUri() {
        return introspectionUri;
    }

    public void setIntrospectionUri(@Nullable String introspectionUri) {
        this.introspectionUri = introspectionUri;
    }

    public @Nullable String getIntrospectionClientId() {
        return introspectionClientId;
    }

    public void setIntrospectionClientId(@Nullable String id) {
        this.introspectionClientId = id;
    }

    public @Nullable String getIntrospectionClientSecret() {
        return introspectionClientSecret;
    }

    public void setIntrospectionClientSecret(@Nullable String secret) {
        this.introspectionClientSecret = secret;
    }

    public boolean isIntrospectJwts() {
        return introspectJwts;
    }

    public void setIntrospectJwts(boolean introspectJwts) {
        this.introspectJwts = introspectJwts;
    }

    public @Nullable String getIntrospectionSignedResponses() {
        return introspectionSignedResponses;
    }

    public void setIntrospectionSignedResponses(@Nullable String value) {
        this.introspectionSignedResponses = value;
    }
}
