package com.example.resourceserver.app.tracing;

import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.introspection.IntrospectionObserver;
import com.example.resourceserver.auth.keys.KeyFetchObserver;
import io.micronaut.context.annotation.Requires;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Client spans for the calls the service makes to identity providers, from the auth adapter's observer hooks
 * (the same ones the metrics hang on), with the same labels as the metrics:
 * <ul>
 *   <li>{@code keys.fetch} ({@code issuer}, {@code result}): one attempt to fetch an issuer's keys, discovery
 *       included, as {@code jwks_fetches_seconds};</li>
 *   <li>{@code token.introspection} ({@code issuer}, {@code outcome}): one call to an introspection endpoint,
 *       as {@code token_introspections_seconds}.</li>
 * </ul>
 * A hook is told after the call, with its duration, on the thread that made it: the span is made then, with
 * the start it had, under the span current there (the request's server span when a request caused the call,
 * see {@link TracedExecutors}; none for the background refresh). Failures get status ERROR and
 * {@code error.type}. The hooks say nothing of the URL or the HTTP status, so these spans carry neither.
 */
@Singleton
@Requires(beans = OpenTelemetry.class)
final class FetchSpans implements KeyFetchObserver, IntrospectionObserver {

    /** Introspection outcomes that are answers; every other one is a failure (503). */
    private static final Set<String> ANSWERS =
            Set.of("active", "inactive", "expired", "wrong_issuer", "wrong_audience", "invalid_claims");

    private final Tracer tracer;

    FetchSpans(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("com.example.resourceserver");
    }

    @Override
    public void fetched(TrustedIssuer issuer, boolean succeeded, Duration took) {
        span("keys.fetch", issuer.name(), "result", succeeded ? "success" : "failure", !succeeded, took);
    }

    @Override
    public void called(String issuer, String outcome, Duration took) {
        span("token.introspection", issuer, "outcome", outcome, !ANSWERS.contains(outcome), took);
    }

    private void span(String name, String issuer, String label, String value, boolean failed, Duration took) {
        Instant end = Instant.now();
        Span span = tracer.spanBuilder(name)
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(end.minus(took))
                .setAttribute("issuer", issuer)
                .setAttribute(label, value)
                .startSpan();
        if (failed) {
            span.setAttribute("error.type", value).setStatus(StatusCode.ERROR);
        }
        span.end(end);
    }
}
