package com.example.resourceserver.web;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * Settings under {@code web.*} (environment: {@code WEB_BEARER_REALM}, {@code WEB_REQUEST_HEADER_TIMEOUT},
 * {@code WEB_EXTERNAL_URL}, {@code WEB_RESOURCE_NAME}, {@code WEB_RESOURCE_DOCUMENTATION}).
 */
@ConfigurationProperties("web")
public class WebSettings {

    private String bearerRealm = "api";
    private Duration requestHeaderTimeout = Duration.ofSeconds(10);
    private String externalUrl;
    private String resourceName;
    private String resourceDocumentation;

    /** The realm in the challenge sent when no credentials came: {@code Bearer realm="api"}. */
    public String getBearerRealm() {
        return bearerRealm;
    }

    public void setBearerRealm(String bearerRealm) {
        this.bearerRealm = bearerRealm;
    }

    /** A request's line and headers must arrive within this time, however slowly the bytes trickle. */
    public Duration getRequestHeaderTimeout() {
        return requestHeaderTimeout;
    }

    public void setRequestHeaderTimeout(Duration requestHeaderTimeout) {
        this.requestHeaderTimeout = requestHeaderTimeout;
    }

    /**
     * The service's URL as its clients know it, its RFC 9728 resource identifier (for example
     * {@code https://api.example.com}); unset: derived from each request's {@code Host} and scheme.
     */
    @Nullable
    public String getExternalUrl() {
        return externalUrl;
    }

    public void setExternalUrl(@Nullable String externalUrl) {
        this.externalUrl = externalUrl;
    }

    /** RFC 9728 {@code resource_name}: a human-readable name for the API; unset: not published. */
    @Nullable
    public String getResourceName() {
        return resourceName;
    }

    public void setResourceName(@Nullable String resourceName) {
        this.resourceName = resourceName;
    }

    /** RFC 9728 {@code resource_documentation}: a URL of documentation for developers; unset: not published. */
    @Nullable
    public String getResourceDocumentation() {
        return resourceDocumentation;
    }

    public void setResourceDocumentation(@Nullable String resourceDocumentation) {
        this.resourceDocumentation = resourceDocumentation;
    }
}
