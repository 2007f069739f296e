package com.example.resourceserver.web.logging;

import io.micronaut.core.annotation.Nullable;

/**
 * The access log line, one flat JSON object written by hand: {@code timestamp} (epoch milliseconds),
 * {@code level}, {@code loggerName} and the request's fields ({@code request_id}, {@code trace_id} when
 * tracing is on, {@code method}, {@code route}, {@code status}, {@code duration_ms}, {@code auth},
 * {@code auth_reason}).
 *
 * <p>Why by hand: it is written once per request, and the generic route (SLF4J key-value pairs, Logback's
 * JSON encoder, the redacting pass over the finished line) cost about a quarter of the public route's
 * throughput (docs/performance.md). Here one builder per thread is reused and nothing else is allocated
 * but the line itself. No value can hold a token: the request id is validated ({@link RequestIds}), the
 * route is a template, the trace id is 32 hex digits from the tracing SDK, the rest are numbers and fixed
 * words; the method is escaped all the same.
 */
final class AccessLine {

    private static final ThreadLocal<StringBuilder> BUILDER = ThreadLocal.withInitial(() -> new StringBuilder(256));

    private AccessLine() {}

    static String of(
            long epochMillis,
            String requestId,
            @Nullable String traceId,
            String method,
            String route,
            int status,
            long durationNanos,
            String auth,
            String authReason) {
        StringBuilder line = BUILDER.get();
        line.setLength(0);
        line.append("{\"timestamp\":")
                .append(epochMillis)
                .append(",\"level\":\"INFO\",\"loggerName\":\"access\",\"request_id\":");
        string(line, requestId);
        if (traceId != null) {
            string(line.append(",\"trace_id\":"), traceId);
        }
        line.append(",\"method\":");
        string(line, method).append(",\"route\":");
        string(line, route).append(",\"status\":").append(status).append(",\"duration_ms\":");
        millis(line, durationNanos).append(",\"auth\":");
        string(line, auth).append(",\"auth_reason\":");
        return string(line, authReason).append('}').toString();
    }

    /** Milliseconds with three decimals (microsecond resolution), without a double's formatting. */
    static StringBuilder millis(StringBuilder line, long nanos) {
        long micros = Math.max(0, nanos) / 1_000;
        long fraction = micros % 1_000;
        line.append(micros / 1_000).append('.');
        if (fraction < 100) {
            line.append(fraction < 10 ? "00" : "0");
        }
        return line.append(fraction);
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static StringBuilder string(StringBuilder line, String value) {
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\').append(c);
            } else if (c < 0x20) {
                line.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                line.append(c);
            }
        }
        return line.append('"');
    }
}
