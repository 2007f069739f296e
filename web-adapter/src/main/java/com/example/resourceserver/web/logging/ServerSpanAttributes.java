package com.example.resourceserver.web.logging;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.tracing.opentelemetry.instrument.http.server.MicronautHttpServerTelemetryFactory;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import jakarta.inject.Singleton;

/**
 * What this service adds to the server span of each request (micronaut-tracing's, named {@code {method}
 * {route}}), when tracing is on:
 * <ul>
 *   <li>{@code auth.outcome} and {@code auth.reason} on protected routes: the labels of
 *       {@code authentication_outcomes_total}, read from what the deciders recorded ({@link AuthenticationOutcome}),
 *       so never a token, a proof or a claim;</li>
 *   <li>the span's trace id, handed to the access log line ({@link AccessLogFilter#TRACE_ID_ATTRIBUTE}): the
 *       span ends inside the access log filter, so this is the last moment both are at hand.</li>
 * </ul>
 * (What must never leave the process, a query with a token for one, the app removes in the exporter.)
 */
@Singleton
@MicronautHttpServerTelemetryFactory.Server
@Requires(beans = OpenTelemetry.class)
public final class ServerSpanAttributes implements AttributesExtractor<HttpRequest<?>, HttpResponse<?>> {

    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("auth.outcome");
    static final AttributeKey<String> REASON = AttributeKey.stringKey("auth.reason");

    @Override
    public void onStart(AttributesBuilder attributes, Context parentContext, HttpRequest<?> request) {
        // nothing is known at the start
    }

    @Override
    public void onEnd(
            AttributesBuilder attributes,
            Context context,
            HttpRequest<?> request,
            @Nullable HttpResponse<?> response,
            @Nullable Throwable error) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (span.isValid()) {
            request.setAttribute(AccessLogFilter.TRACE_ID_ATTRIBUTE, span.getTraceId());
        }
        AuthenticationOutcome.Recorded recorded = AuthenticationOutcome.recorded(request, response);
        if (recorded.outcome() != AuthenticationOutcome.NOT_REQUIRED) {
            attributes.put(OUTCOME, recorded.outcome().label).put(REASON, recorded.reason());
        }
    }
}
