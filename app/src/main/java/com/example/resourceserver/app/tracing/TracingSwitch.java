package com.example.resourceserver.app.tracing;

import io.micronaut.context.ApplicationContextBuilder;
import io.micronaut.context.ApplicationContextConfigurer;
import io.micronaut.context.annotation.ContextConfigurer;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracing is off unless the standard OpenTelemetry variables ask for an exporter: {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * (or {@code OTEL_EXPORTER_OTLP_TRACES_ENDPOINT}), or {@code OTEL_TRACES_EXPORTER} other than {@code none};
 * {@code OTEL_SDK_DISABLED=true} keeps it off whatever else is set.
 *
 * <p>Why not the specification's default exporter ({@code otlp}, on for everyone): a service started without a
 * collector would then build spans for every request and try to send them to localhost:4318. Off, nothing of
 * tracing exists in the process: no filter, no spans (micronaut-tracing's beans all hang on
 * {@code micronaut.otel.enabled}, which application.yml sets to false and this switch to true).
 *
 * <p>On, it also makes {@code http/protobuf} the protocol, which the specification recommends and the Java SDK
 * does not default to (it says {@code grpc}); {@code OTEL_EXPORTER_OTLP_PROTOCOL} still wins. Every other
 * {@code OTEL_*} variable is the SDK's to read ({@link TracingStartup} turns its refusals into one sentence).
 */
@ContextConfigurer
public final class TracingSwitch implements ApplicationContextConfigurer {

    private static final Logger LOG = LoggerFactory.getLogger(TracingSwitch.class);

    @Override
    public void configure(ApplicationContextBuilder builder) {
        Map<String, Object> properties = properties(System::getenv);
        if (!properties.isEmpty()) {
            builder.properties(properties);
        }
    }

    /** What these variables add to the configuration: nothing when tracing stays off. */
    static Map<String, Object> properties(UnaryOperator<String> variables) {
        String disabled = set(variables, "OTEL_SDK_DISABLED");
        if (disabled != null && disabled.equalsIgnoreCase("true")) {
            return Map.of();
        }
        if (disabled != null && !disabled.equalsIgnoreCase("false")) {
            // The specification: any value but a case-insensitive "true" is false, with a warning.
            LOG.warn("OTEL_SDK_DISABLED is neither true nor false ({}): read as false", disabled);
        }
        String exporter = set(variables, "OTEL_TRACES_EXPORTER");
        boolean on = exporter != null
                ? !exporter.trim().toLowerCase(Locale.ROOT).equals("none")
                : set(variables, "OTEL_EXPORTER_OTLP_ENDPOINT") != null
                        || set(variables, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") != null;
        if (!on) {
            return Map.of();
        }
        return Map.of(
                "micronaut.otel.enabled", true,
                "otel.traces.exporter", "otlp",
                "otel.exporter.otlp.protocol", "http/protobuf");
    }

    /** The variable's value; empty counts as unset, as the specification says. */
    private static String set(UnaryOperator<String> variables, String name) {
        String value = variables.apply(name);
        return value == null || value.isBlank() ? null : value;
    }
}
