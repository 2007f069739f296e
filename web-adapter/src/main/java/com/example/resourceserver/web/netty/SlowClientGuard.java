package com.example.resourceserver.web.netty;

import com.example.resourceserver.web.WebSettings;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Installs {@link RequestHeaderDeadline} on every HTTP/1 server connection. Micronaut offers idle
 * timeouts, which a trickling client defeats, but no deadline for a request's headers; this is the gap.
 */
@Singleton
public class SlowClientGuard implements BeanCreatedEventListener<ChannelPipelineCustomizer> {

    static final String HANDLER_NAME = "request-header-deadline";

    private final Duration deadline;

    public SlowClientGuard(WebSettings settings) {
        Duration deadline = settings.getRequestHeaderTimeout();
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new ConfigurationException("web.request-header-timeout must be a positive duration such as 10s.");
        }
        this.deadline = deadline;
    }

    @Override
    public ChannelPipelineCustomizer onCreated(BeanCreatedEvent<ChannelPipelineCustomizer> event) {
        ChannelPipelineCustomizer customizer = event.getBean();
        if (customizer.isServerChannel()) {
            customizer.doOnConnect(pipeline -> {
                if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                        && pipeline.get(HANDLER_NAME) == null) {
                    pipeline.addAfter(
                            ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
                            HANDLER_NAME,
                            new RequestHeaderDeadline(deadline.toMillis()));
                }
                return pipeline;
            });
        }
        return customizer;
    }
}
