package com.example.resourceserver.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.JwksSettings;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.http.BoundedFetcher;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.ScriptedHttpServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key material is fetched strictly, over real HTTP: redirects are followed only within the origin and
 * a bounded number of times, answers are read only up to the size limit (with or without a
 * {@code Content-Length}), and a discovery document counts only when it names exactly the configured issuer.
 */
class StrictKeyFetchingTest {

    static final int SIZE_LIMIT = 4096;
    static ExecutorService executor;
    static ScheduledExecutorService scheduler;
    static RSAKey key;

    ScriptedHttpServer server;
    JwksServer elsewhere;
    final List<IssuerKeys> created = new ArrayList<>();

    @BeforeAll
    static void executors() {
        executor = Executors.newCachedThreadPool();
        scheduler = Executors.newSingleThreadScheduledExecutor();
        key = TestKeys.rsa("k1");
    }

    @AfterAll
    static void stopExecutors() {
        executor.shutdownNow();
        scheduler.shutdownNow();
    }

    @BeforeEach
    void startServers() {
        server = ScriptedHttpServer.start();
        // Another origin (another port) serving a valid key set and a discovery document naming our issuer.
        elsewhere = JwksServer.start().publish(key).discoveryIssuer(server.baseUrl());
    }

    @AfterEach
    void stop() throws IOException {
        for (IssuerKeys keys : created) {
            keys.close();
        }
        server.close();
        elsewhere.close();
    }

    IssuerKeys keys(String issuerId, JwksLocation location) {
        JwksSettings settings = new JwksSettings();
        settings.setFetchTimeout(Duration.ofSeconds(2));
        settings.setSizeLimitBytes(SIZE_LIMIT);
        TrustedIssuer issuer = new TrustedIssuer("test", issuerId, "aud", location);
        IssuerKeys keys = TestKeySets.create(
                issuer, settings, true, Clock.systemUTC(), executor, scheduler, KeyFetchObserver.NONE);
        created.add(keys);
        return keys;
    }

    IssuerKeys fixed(String path) {
        return keys(server.baseUrl(), new JwksLocation.Fixed(server.uri(path)));
    }

    static JWSHeader header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
    }

    static String keySet() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** Fails like the verifier sees it: no key is trusted, and the fetch is recorded as failed. */
    static String assertNoKeysTrusted(IssuerKeys keys) {
        assertThrows(KeySourceException.class, () -> keys.candidates(header("k1")));
        assertTrue(keys.status().lastAttemptFailed());
        assertEquals(0, keys.status().keyCount());
        return keys.status().lastFailureReason().orElseThrow();
    }

    static List<String> kids(IssuerKeys keys, String kid) throws KeySourceException {
        return keys.candidates(header(kid)).stream().map(JWK::getKeyID).toList();
    }

    // ---- redirects ----

    @Test
    void aKeySetRedirectingToAnotherPortIsNotFollowed() {
        server.redirect("/jwks", 302, elsewhere.jwksUri().toString());

        String reason = assertNoKeysTrusted(fixed("/jwks"));

        assertEquals(0, elsewhere.requests(JwksServer.JWKS_PATH), "the other origin was asked for keys");
        assertTrue(reason.contains("another origin"), reason);
    }

    @Test
    void aKeySetRedirectingToAnotherHostIsNotFollowed() throws IOException {
        // Same machine and port, other host name: another origin all the same.
        String otherHost = "http://localhost:" + server.uri("/").getPort() + "/keys";
        server.json("/keys", keySet()).redirect("/jwks", 302, otherHost);
        assertEquals(200, status(URI.create(otherHost)), "precondition: the other host name reaches the server");
        int before = server.requests("/keys");

        assertNoKeysTrusted(fixed("/jwks"));

        assertEquals(before, server.requests("/keys"), "the redirect to another host was followed");
    }

    @Test
    void aRedirectFromHttpsToHttpOrBackIsAnotherOrigin() throws Exception {
        // The scheme is part of the origin (and HttpURLConnection alone would refuse only this case).
        server.redirect("/jwks", 302, "https://127.0.0.1:" + server.uri("/").getPort() + "/keys");
        assertNoKeysTrusted(fixed("/jwks"));
        assertEquals(0, server.requests("/keys"));
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void aRedirectWithinTheOriginIsFollowed(int status) throws Exception {
        server.redirect("/jwks", status, "/keys/current").json("/keys/current", keySet());

        assertEquals(List.of("k1"), kids(fixed("/jwks"), "k1"));
        assertEquals(1, server.requests("/keys/current"));
    }

    @Test
    void upToThreeRedirectsWithinTheOriginAreFollowedAndNoMore() throws Exception {
        server.redirect("/a", 302, "/b")
                .redirect("/b", 302, server.baseUrl() + "/c")
                .redirect("/c", 307, "/d")
                .json("/d", keySet());
        assertEquals(List.of("k1"), kids(fixed("/a"), "k1"));

        server.redirect("/d", 302, "/e").json("/e", keySet());
        String reason = assertNoKeysTrusted(fixed("/a"));
        assertEquals(0, server.requests("/e"), "a fourth redirect was followed");
        assertTrue(reason.contains("redirects"), reason);
    }

    @Test
    void aRedirectLoopEndsAfterTheBound() {
        server.redirect("/jwks", 302, "/jwks");
        assertNoKeysTrusted(fixed("/jwks"));
        assertEquals(1 + BoundedFetcher.MAX_REDIRECTS, server.requests("/jwks"));
    }

    @Test
    void aDiscoveryDocumentRedirectingToAnotherOriginIsNotFollowed() {
        // The document over there names our issuer and would be accepted if fetched.
        server.redirect(JwksServer.DISCOVERY_PATH, 302, elsewhere.url(JwksServer.DISCOVERY_PATH));

        assertNoKeysTrusted(keys(server.baseUrl(), new JwksLocation.Discovered(server.baseUrl())));

        assertEquals(0, elsewhere.requests(JwksServer.DISCOVERY_PATH));
        assertEquals(0, elsewhere.requests(JwksServer.JWKS_PATH));
    }

    // ---- the discovery document's issuer ----

    @Test
    void aDiscoveryDocumentMustNameTheConfiguredIssuerExactly() throws Exception {
        try (JwksServer provider = JwksServer.start().publish(key)) {
            String issuer = provider.baseUrl();
            provider.discoveryIssuer(issuer + "/");
            assertTrue(assertNoKeysTrusted(keys(issuer, new JwksLocation.Discovered(issuer)))
                    .contains("another issuer"));

            provider.discoveryIssuer(issuer);
            assertNoKeysTrusted(keys(issuer + "/", new JwksLocation.Discovered(issuer + "/")));

            provider.discoveryIssuer(issuer.replace("http://", "HTTP://"));
            assertNoKeysTrusted(keys(issuer, new JwksLocation.Discovered(issuer)));
            assertEquals(0, provider.requests(JwksServer.JWKS_PATH), "keys fetched for a document of another issuer");

            provider.discoveryIssuer(issuer);
            assertEquals(List.of("k1"), kids(keys(issuer, new JwksLocation.Discovered(issuer)), "k1"));
        }
    }

    // ---- size bound ----

    /** The key set padded to {@code size} characters with a member nobody reads. */
    static String keySetOfSize(int size) {
        String start = "{\"padding\":\"";
        String end = "\"," + keySet().substring(1);
        return start + "x".repeat(size - start.length() - end.length()) + end;
    }

    @Test
    void aKeySetLargerThanTheLimitIsRefusedWithOrWithoutContentLength() throws Exception {
        server.json("/big", keySetOfSize(SIZE_LIMIT + 1)).chunkedJson("/big-chunked", keySetOfSize(SIZE_LIMIT * 4));
        assertNoKeysTrusted(fixed("/big"));
        assertNoKeysTrusted(fixed("/big-chunked"));

        // Just under the limit, chunked: read and used.
        server.chunkedJson("/fits", keySetOfSize(SIZE_LIMIT - 1));
        assertEquals(List.of("k1"), kids(fixed("/fits"), "k1"));
    }

    @Test
    void aDiscoveryDocumentLargerThanTheLimitIsRefused() throws Exception {
        String document = "{\"issuer\":\"" + server.baseUrl() + "\",\"jwks_uri\":\"" + server.uri("/jwks") + "\",";
        server.json("/jwks", keySet())
                .chunkedJson(JwksServer.DISCOVERY_PATH, document + "\"padding\":\"" + "x".repeat(SIZE_LIMIT) + "\"}");

        assertNoKeysTrusted(keys(server.baseUrl(), new JwksLocation.Discovered(server.baseUrl())));
        assertEquals(0, server.requests("/jwks"));

        server.chunkedJson(JwksServer.DISCOVERY_PATH, document + "\"padding\":\"\"}");
        assertEquals(List.of("k1"), kids(keys(server.baseUrl(), new JwksLocation.Discovered(server.baseUrl())), "k1"));
    }

    private static int status(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try (InputStream body = connection.getInputStream()) {
            body.readAllBytes();
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }
}
