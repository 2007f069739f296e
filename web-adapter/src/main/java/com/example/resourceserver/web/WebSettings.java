package com.example.resourceserver.web;

import io.micronaut.context.annotation.ConfigurationProperties;

import java.time.Duration;

/** Settings under {@code web.*} (environment: {@code WEB_BEARER_REALM}, {@code WEB_REQUEST_HEADER_TIMEOUT}). */
@ConfigurationProperties("web")
public class WebSettings {

    private String bearerRealm = "api";
    private Duration requestHeaderTimeout = Duration.ofSeconds(10);

    /** The realm in the challenge sent when no credentials came: {@code Bearer realm="api"}. */
    public String getBearerRealm() { return bearerRealm; }
    public void setBearerRealm(String bearerRealm) { this.bearerRealm = bearerRealm; }

    /** A request's line and headers must arrive within this time, however slowly the bytes trickle. */
    public Duration getRequestHeaderTimeout() { return requestHeaderTimeout; }
    public void setRequestHeaderTimeout(Duration requestHeaderTimeout) { this.requestHeaderTimeout = requestHeaderTimeout; }
}
