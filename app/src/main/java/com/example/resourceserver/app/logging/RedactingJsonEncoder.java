package com.example.resourceserver.app.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Logback's JSON encoder, with anything that looks like a bearer token or a JWT replaced by
 * {@code [redacted]} in the finished line (message, key-values, exception text alike). Our code never
 * logs a token; this is the net under libraries that might at DEBUG or TRACE (request headers).
 * Logback has no hook for this, hence our own small subclass.
 */
public class RedactingJsonEncoder extends JsonEncoder {

    /** A compact JWS/JWT (three base64url parts, starting with an encoded '{"'), or a Bearer credential. */
    static final Pattern SECRET = Pattern.compile(
            "eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]*|(?i)(bearer)\\s+[A-Za-z0-9._~+/=-]+");

    public RedactingJsonEncoder() {
        // One flat, readable line: the formatted message, key-values, no logback internals.
        setWithSequenceNumber(false);
        setWithNanoseconds(false);
        setWithContext(false);
        setWithMessage(false);
        setWithArguments(false);
        setWithFormattedMessage(true);
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return redact(new String(super.encode(event), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
    }

    static String redact(String line) {
        return SECRET.matcher(line)
                .replaceAll(match -> match.group(1) != null ? match.group(1) + " [redacted]" : "[redacted]");
    }
}
