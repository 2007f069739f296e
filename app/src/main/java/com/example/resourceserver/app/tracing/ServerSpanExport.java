package com.example.resourceserver.app.tracing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.tracing.opentelemetry.OpenTelemetryBuilderCustomizer;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdkBuilder;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.DelegatingSpanData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.Set;

/**
 * What server spans look like when they leave the process, set in the exporter because both concern what
 * micronaut-tracing 7.2's server filter recorded, which cannot be taken back on a live span:
 * <ul>
 *   <li>no {@code url.query}, nor the {@code Authorization} and {@code DPoP} headers should someone configure
 *       header capture ({@code otel.http.server.request-headers}): a query may carry an {@code access_token}
 *       (RFC 6750 §2.3, which this service refuses, but clients still send one), and those headers are
 *       credentials. A trace never holds a token or a proof;</li>
 *   <li>4xx answers leave the status unset, as the HTTP semantic conventions say for server spans (the server
 *       did its job); the filter sets ERROR from 400 on, which would count every 401, this service's most
 *       common refusal, as a server error in a tracing backend.</li>
 * </ul>
 */
@Singleton
@Requires(property = "micronaut.otel.enabled", value = "true")
final class ServerSpanExport implements OpenTelemetryBuilderCustomizer {

    private static final AttributeKey<Long> STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    private static final Set<String> NEVER_EXPORTED =
            Set.of("url.query", "http.request.header.authorization", "http.request.header.dpop");

    @Override
    public void configure(AutoConfiguredOpenTelemetrySdkBuilder builder) {
        builder.addSpanExporterCustomizer((exporter, config) -> new Exporter(exporter));
    }

    static SpanData cleaned(SpanData span) {
        if (span.getKind() != SpanKind.SERVER) {
            return span;
        }
        Long status = span.getAttributes().get(STATUS_CODE);
        boolean clientError = status != null
                && status >= 400
                && status < 500
                && span.getStatus().getStatusCode() == StatusCode.ERROR;
        Attributes attributes = span.getAttributes().toBuilder()
                .removeIf(key -> NEVER_EXPORTED.contains(key.getKey()))
                .build();
        return new DelegatingSpanData(span) {
            @Override
            public Attributes getAttributes() {
                return attributes;
            }

            @Override
            public StatusData getStatus() {
                return clientError ? StatusData.unset() : span.getStatus();
            }
        };
    }

    private record Exporter(SpanExporter delegate) implements SpanExporter {

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            return delegate.export(spans.stream().map(ServerSpanExport::cleaned).toList());
        }

        @Override
        public CompletableResultCode flush() {
            return delegate.flush();
        }

        @Override
        public CompletableResultCode shutdown() {
            return delegate.shutdown();
        }
    }
}
