package com.example.resourceserver.archfixture.web;

import com.example.resourceserver.archfixture.domain.AllowedDomainValue;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.http.HttpResponse;
import io.micronaut.security.authentication.Authentication;
import io.netty.channel.ChannelHandlerContext;
import io.opentelemetry.api.common.AttributeKey;
import jakarta.inject.Provider;

/**
 * What the web adapter may use: domain, Micronaut HTTP and security core, Netty, Jackson annotations, jakarta,
 * OpenTelemetry (span attributes).
 */
public class AllowedWebUsage {

    @JsonProperty("value")
    AllowedDomainValue value;

    Authentication authentication;
    ChannelHandlerContext channel;
    Provider<String> name;
    AttributeKey<String> spanAttribute = AttributeKey.stringKey("auth.outcome");

    public HttpResponse<?> ok() {
        return HttpResponse.ok();
    }
}
