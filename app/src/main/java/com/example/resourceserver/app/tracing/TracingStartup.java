package com.example.resourceserver.app.tracing;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the OpenTelemetry SDK when the application starts instead of at the first request, so that a bad
 * {@code OTEL_*} value stops startup (exit code 2) with one sentence naming the variable, rather than failing
 * requests. The SDK reads the variables itself and refuses what it cannot use (an unknown sampler or exporter,
 * a sampler argument that is no number, an endpoint that is no http(s) URL, ...); this only names the
 * variable behind its message.
 */
@Context
@Requires(property = "micronaut.otel.enabled", value = "true")
final class TracingStartup {

    private static final Pattern PROPERTY = Pattern.compile("otel(\\.[a-z0-9_-]+)+");

    TracingStartup(BeanProvider<OpenTelemetry> openTelemetry) {
        try {
            openTelemetry.get();
        } catch (RuntimeException e) {
            throw new ConfigurationException(sentence(e, System::getenv), e);
        }
    }

    /** "VARIABLE cannot be used for tracing: why", from the SDK's refusal. */
    static String sentence(Throwable failure, UnaryOperator<String> variables) {
        // The SDK's own refusal when there is one (its message names the property), else the deepest cause.
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t.getClass().getName().startsWith("io.opentelemetry.")) {
                break;
            }
        }
        String why =
                String.valueOf(root.getMessage()).lines().findFirst().orElse("").trim();
        String variable;
        Matcher property = PROPERTY.matcher(why);
        if (property.find()) {
            variable =
                    property.group().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        } else if (why.startsWith("OTLP endpoint")) {
            variable = variables.apply("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != null
                    ? "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
                    : "OTEL_EXPORTER_OTLP_ENDPOINT";
        } else {
            variable = "An OTEL_* variable";
        }
        if (variable.contains("HEADERS")) {
            why = "it is not a list of key=value pairs"; // never echo the value: headers carry credentials
        }
        return variable + " cannot be used for tracing: " + why;
    }
}
