package com.example.resourceserver.web.netty;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import jakarta.inject.Singleton;

/**
 * Installs {@link ResponseDate} on every HTTP server connection, right after the HTTP codec, so that it
 * sees every response the codec encodes: routes, framework errors and filter refusals alike.
 */
@Singleton
public class ResponseDates implements BeanCreatedEventListener<ChannelPipelineCustomizer> {

    static final String HANDLER_NAME = "response-date";

    private final ResponseDate handler = new ResponseDate(); // sharable: one for all connections

    @Override
    public ChannelPipelineCustomizer onCreated(BeanCreatedEvent<ChannelPipelineCustomizer> event) {
        ChannelPipelineCustomizer customizer = event.getBean();
        if (customizer.isServerChannel()) {
            customizer.doOnConnect(pipeline -> {
                if (pipeline.get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) != null
                        && pipeline.get(HANDLER_NAME) == null) {
                    pipeline.addAfter(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC, HANDLER_NAME, handler);
                }
                return pipeline;
            });
        }
        return customizer;
    }
}
