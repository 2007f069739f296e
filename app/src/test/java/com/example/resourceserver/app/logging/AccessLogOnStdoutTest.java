package com.example.resourceserver.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.Application;
import com.example.resourceserver.app.support.ChildJvm;
import com.example.resourceserver.app.support.RawHttp;
import com.example.resourceserver.auth.testing.Poll;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production logging configuration (logback.xml) as a user runs it: a separate JVM whose stdout is read,
 * so the access log's own appender (BatchingLineAppender) is the one at work, not a test's capture.
 */
class AccessLogOnStdoutTest {

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("k1");

    @Test
    void eachRequestGetsOneWholeAccessLineOnStdoutAndNoTokenAppears() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String token = idp.valid("read:messages");
        try (ChildJvm jvm = ChildJvm.start(
                Application.class.getName(),
                Map.of(
                        "AUTH_ISSUER", idp.issuer(),
                        "AUTH_AUDIENCE", idp.audience(),
                        "AUTH_JWKS_URI", idp.jwksUri().toString(),
                        "MICRONAUT_SERVER_PORT", Integer.toString(port)))) {
            assertTrue(jvm.awaitLine("Startup completed", 60), jvm.output());
            assertEquals(
                    200,
                    RawHttp.get(port, "/api/private-scoped", "Authorization: Bearer " + token)
                            .status());
            assertEquals(
                    401,
                    RawHttp.get(port, "/api/private-scoped", "Authorization: Bearer x" + token)
                            .status());
            assertEquals(200, RawHttp.get(port, "/api/public").status());

            List<String> access = Poll.until(
                    () -> jvm.rawLines().stream()
                            .filter(line -> line.contains("\"loggerName\":\"access\""))
                            .toList(),
                    lines -> lines.size() >= 3,
                    Duration.ofSeconds(10));
            assertEquals(3, access.size(), String.join("\n", jvm.rawLines()));
            assertTrue(access.get(0).startsWith("{") && access.get(0).endsWith("}"), access.get(0));
            assertTrue(access.get(0).contains("\"route\":\"/api/private-scoped\",\"status\":200"), access.get(0));
            assertTrue(
                    access.get(1).contains("\"status\":401") && access.get(1).contains("\"auth\":\"invalid_token\""),
                    access.get(1));
            assertTrue(access.get(2).contains("\"route\":\"/api/public\",\"status\":200"), access.get(2));
            assertFalse(
                    String.join("\n", jvm.rawLines()).contains(token.substring(token.lastIndexOf('.') + 1)),
                    "no token in the output");
        }
    }
}
