package com.example.resourceserver.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactingJsonEncoderTest {

    static final String JWT = "eyJraWQiOiJrMSIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiJ1c2VyLTEifQ.c2lnbmF0dXJlLWJ5dGVz";

    @Test
    void tokensAndBearerCredentialsNeverReachTheOutput() {
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        RedactingJsonEncoder encoder = new RedactingJsonEncoder();
        encoder.setContext(context);
        encoder.start();
        LoggingEvent event = new LoggingEvent(
                "x",
                context.getLogger("test"),
                Level.DEBUG,
                "header Authorization: Bearer {} and raw {}",
                null,
                new Object[] {"opaque-token_123", JWT});

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertFalse(
                line.contains(JWT) || line.contains("c2lnbmF0dXJlLWJ5dGVz") || line.contains("opaque-token_123"), line);
        assertTrue(line.contains("Bearer [redacted]") && line.contains("raw [redacted]"), line);
        assertTrue(line.contains("\"level\":\"DEBUG\"") && line.endsWith("\n"), line);
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        assertEquals(
                "{\"formattedMessage\":\"Keys of issuer 'a' loaded: 2 signing key(s)\"}",
                RedactingJsonEncoder.redact("{\"formattedMessage\":\"Keys of issuer 'a' loaded: 2 signing key(s)\"}"));
    }
}
