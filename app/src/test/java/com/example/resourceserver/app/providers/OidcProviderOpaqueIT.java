package com.example.resourceserver.app.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.ExternalServer;
import com.example.resourceserver.app.support.OAuthClient;
import com.example.resourceserver.app.support.ProviderDpopClient;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.TestKeys;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Opaque access tokens from a real provider: panva/oidc-provider ({@code opaque-server.mjs}, the same
 * pinned package as {@code OidcProviderIT}) issues them by client credentials, and the service, which
 * finds the introspection endpoint by discovery, asks it about each (RFC 7662) as client
 * {@code resource-server}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcProviderOpaqueIT {

    static final List<String> PACKAGE_FILES = List.of("package.json", "package-lock.json", "opaque-server.mjs");

    ExternalServer provider;
    ServiceUnderTest service;
    String issuer;
    RunningProvider opaqueTokens;

    /** {@code opaque-server.mjs} running on a free port with a signing key of its own, and its issuer URL. */
    record RunningProvider(ExternalServer server, String issuer) {

        static RunningProvider start(String name, String keyId) throws Exception {
            Path directory = installedPackage();
            int port = ExternalServer.freePort();
            String issuer = "http://127.0.0.1:" + port;
            Path keys = directory.resolve("keys-" + port + ".json");
            Files.writeString(keys, new JWKSet(TestKeys.rsa(keyId)).toString(false), StandardCharsets.UTF_8);
            ExternalServer server = ExternalServer.start(
                    name + "-" + port,
                    List.of("node", "opaque-server.mjs"),
                    directory,
                    Map.of("OP_PORT", String.valueOf(port), "OP_KEYS_FILE", keys.toString()));
            server.awaitReady(URI.create(issuer + "/.well-known/openid-configuration"), Duration.ofSeconds(60));
            return new RunningProvider(server, issuer);
        }

        /** An access token by client credentials; each client's secret is its id + {@code -secret}. */
        String token(String client, String... parameters) {
            return OAuthClient.clientCredentials(issuer + "/token", client, client + "-secret", parameters)
                    .accessToken();
        }
    }

    @BeforeAll
    void start() throws Exception {
        RunningProvider running = RunningProvider.start("oidc-provider-opaque", "opaque-op");
        provider = running.server();
        issuer = running.issuer();
        opaqueTokens = running;
        Map<String, Object> properties = new HashMap<>();
        properties.put("auth.issuer", issuer);
        properties.put("auth.audience", "messages-api");
        properties.put("auth.introspection.client-id", "resource-server"); // no URI: discovery finds it
        properties.put("auth.introspection.client-secret", "resource-server-secret");
        service = ServiceUnderTest.start(properties);
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    String token(String client, String... parameters) {
        return opaqueTokens.token(client, parameters);
    }

    @Test
    void anOpaqueTokenWithTheScopeIsServed() {
        String token = token("messages-client", "scope", "read:messages", "resource", "urn:messages-api");
        assertTrue(token.chars().filter(c -> c == '.').count() != 2, "opaque, not shaped like a JWS");
        assertEquals(200, service.statusWithToken("/api/private-scoped", token));
        assertEquals(200, service.statusWithToken("/api/private", token));
    }

    @Test
    void anOpaqueTokenWithoutTheScopeIs403OnTheScopedRoute() {
        String token = token("basic-client", "scope", "openid", "resource", "urn:messages-api");
        assertEquals(200, service.statusWithToken("/api/private", token));
        HttpResponse<String> refused = service.getWithToken("/api/private-scoped", token);
        assertEquals(403, refused.statusCode());
        assertTrue(
                refused.headers().firstValue("WWW-Authenticate").orElse("").contains("error=\"insufficient_scope\""));
    }

    @Test
    void anOpaqueTokenForAnotherApiIs401() {
        String token = token("messages-client", "scope", "read:messages", "resource", "urn:other-api");
        HttpResponse<String> refused = service.getWithToken("/api/private", token);
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("not intended for this API"), refused.body());
    }

    @Test
    void aRevokedOrUnknownTokenIs401NotActive() {
        String token = token("messages-client", "scope", "read:messages", "resource", "urn:messages-api");
        HttpResponse<String> revoked =
                OAuthClient.send(java.net.http.HttpRequest.newBuilder(URI.create(issuer + "/token/revocation"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header(
                                "Authorization",
                                "Basic "
                                        + java.util.Base64.getEncoder()
                                                .encodeToString("messages-client:messages-client-secret"
                                                        .getBytes(StandardCharsets.UTF_8)))
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("token=" + token))
                        .build());
        assertEquals(200, revoked.statusCode(), revoked.body());
        HttpResponse<String> refused = service.getWithToken("/api/private", token);
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("not active"), refused.body());
        assertEquals(401, service.statusWithToken("/api/private", "never-issued-by-anyone"));
    }

    @Test
    void aDpopBoundOpaqueTokenIsServedOnlyWithAFreshProofByItsKey() {
        // features.dPoP: the token is bound at the token endpoint, and introspection answers its cnf.jkt.
        ProviderDpopClient client = ProviderDpopClient.withNewKey();
        ProviderDpopClient.TokenResponse response = client.clientCredentials(
                issuer + "/token",
                "messages-client",
                "messages-client-secret",
                "scope",
                "read:messages",
                "resource",
                "urn:messages-api");
        String token = response.accessToken();
        assertEquals("DPoP", response.tokenType());
        assertTrue(token.chars().filter(c -> c == '.').count() != 2, "opaque, not shaped like a JWS");

        DpopScenarios.servedOnlyWithAFreshProofByTheBoundKey(service, client, token);
    }

    /** Copies the package into target/ and runs {@code npm ci} there, again only when the lock file changed. */
    static Path installedPackage() throws IOException, InterruptedException {
        Path source = Path.of(System.getProperty("oidc-provider.source", "src/test/oidc-provider"));
        Path directory = Path.of("target/oidc-provider-opaque").toAbsolutePath();
        Files.createDirectories(directory);
        for (String file : PACKAGE_FILES) {
            Files.copy(source.resolve(file), directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        if (!Files.isDirectory(directory.resolve("node_modules/oidc-provider"))) {
            Process npm = new ProcessBuilder("npm", "ci", "--prefer-offline", "--no-audit", "--no-fund")
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("npm-ci.log").toFile())
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new AssertionError("npm ci failed: " + Files.readString(directory.resolve("npm-ci.log")));
            }
        }
        return directory;
    }
}
