package com.example.resourceserver.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.dev.DevIssuer;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The contract's "Development default": a local issuer in {@code dev} only, never anywhere else. */
class DevIssuerTest {

    static final Pattern CURL =
            Pattern.compile("curl -i (?:-H 'Authorization: Bearer ([A-Za-z0-9._-]+)' )?(http://\\S+)");

    @Test
    @SuppressWarnings("unchecked")
    void inDevTheStartupLogShowsCurlLinesWhoseTokensWork() {
        // Micronaut applies logger.config when the context starts, which resets appenders added by hand:
        // this configuration brings its own in-memory appender for the announcer.
        try (ServiceUnderTest service = ServiceUnderTest.start(Map.of("logger.config", "logback-capture.xml"), "dev")) {
            Logger announcer =
                    (Logger) LoggerFactory.getLogger("com.example.resourceserver.auth.dev.DevIssuerAnnouncer");
            ListAppender<ILoggingEvent> captured = (ListAppender<ILoggingEvent>) announcer.getAppender("CAPTURE");
            String log = captured.list.stream()
                    .map(ILoggingEvent::getFormattedMessage)
                    .reduce("", String::concat);
            Matcher curl = CURL.matcher(log);
            List<Integer> statuses = new ArrayList<>();
            while (curl.find()) {
                String url = curl.group(2);
                assertTrue(url.startsWith("http://127.0.0.1:" + service.port() + "/api/"), url);
                String path = url.substring(url.indexOf("/api/"));
                HttpResponse<String> response =
                        curl.group(1) == null ? service.get(path) : service.getWithToken(path, curl.group(1));
                statuses.add(response.statusCode());
            }
            assertEquals(List.of(200, 200, 200, 403), statuses, log);
            // Verified through the normal path: keys fetched over HTTP from the service's own JWKS route.
            HttpResponse<String> jwks = service.get(DevIssuer.JWKS_PATH);
            assertEquals(200, jwks.statusCode());
            assertTrue(jwks.body().contains("\"kty\":\"RSA\"") && !jwks.body().contains("\"d\":"), jwks.body());
        }
    }

    @Test
    void outsideDevThereIsNoDevelopmentIssuer() {
        RuntimeException e = assertThrows(
                RuntimeException.class,
                () -> ServiceUnderTest.start(Map.of(), "prod").close());
        assertTrue(Application.configurationError(e).getMessage().startsWith("No token issuer is configured"));
    }

    @Test
    void inDevAConfiguredIssuerSwitchesTheDevelopmentIssuerOff() {
        try (ServiceUnderTest service = ServiceUnderTest.start(
                Map.of("auth.issuer", "https://login.example.com/", "auth.audience", "https://api.example/"), "dev")) {
            assertFalse(service.context().containsBean(DevIssuer.class));
            assertEquals(404, service.get(DevIssuer.JWKS_PATH).statusCode());
        }
        try (ServiceUnderTest service = ServiceUnderTest.start(
                Map.of("auth0.domain", "t.example.com", "auth0.audience", "https://api.example/"), "dev")) {
            assertFalse(service.context().containsBean(DevIssuer.class));
        }
    }
}
