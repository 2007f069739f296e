package com.example.resourceserver.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.JwksSettings;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Key handling against a key set served over real HTTP: discovery, lenient parsing, refresh, outages. */
class IssuerKeysTest {

    static ExecutorService executor;
    static ScheduledExecutorService scheduler;
    static RSAKey key;

    JwksServer server;
    IssuerKeys keys;

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
    void startServer() {
        server = JwksServer.start().publish(key);
    }

    @AfterEach
    void stop() throws Exception {
        if (keys != null) {
            keys.close();
        }
        server.close();
    }

    static JwksSettings fast() {
        JwksSettings jwks = new JwksSettings();
        jwks.setCacheTtl(Duration.ofSeconds(2));
        jwks.setRefreshAhead(Duration.ofMillis(200));
        jwks.setMinRefreshInterval(Duration.ofMillis(500));
        jwks.setFetchTimeout(Duration.ofMillis(700));
        jwks.setStalePeriod(Duration.ofSeconds(30));
        return jwks;
    }

    IssuerKeys keys(JwksLocation location, JwksSettings settings) {
        TrustedIssuer issuer = new TrustedIssuer("test", server.baseUrl(), "aud", location);
        keys = TestKeySets.create(
                issuer, settings, false, Clock.systemUTC(), executor, scheduler, KeyFetchObserver.NONE);
        return keys;
    }

    /** Candidates for a kid; a refused refetch (rate limit) means "not found" too, as the verifier reads it. */
    static List<JWK> found(IssuerKeys keys, String kid) {
        try {
            return keys.candidates(header(kid));
        } catch (com.nimbusds.jose.jwk.source.RateLimitReachedException e) {
            return List.of();
        } catch (KeySourceException e) {
            throw new AssertionError(e);
        }
    }

    static JWSHeader header(String kid) {
        return new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build();
    }

    @Test
    void findsKeysThroughOpenIdDiscovery() throws Exception {
        IssuerKeys keys = keys(new JwksLocation.Discovered(server.baseUrl()), fast());

        List<JWK> found = keys.candidates(header("k1"));

        assertEquals(List.of("k1"), found.stream().map(JWK::getKeyID).toList());
        assertEquals(1, server.requests(JwksServer.DISCOVERY_PATH));
        assertEquals(1, server.requests(JwksServer.JWKS_PATH));
        assertTrue(keys.status().lastSuccess().isPresent());
        assertEquals(1, keys.status().keyCount());
    }

    @Test
    void aDiscoveryDocumentForAnotherIssuerIsNotUsed() {
        server.discoveryIssuer("https://evil.example/");
        IssuerKeys keys = keys(new JwksLocation.Discovered(server.baseUrl()), fast());

        assertThrows(KeySourceException.class, () -> keys.candidates(header("k1")));

        assertEquals(0, server.requests(JwksServer.JWKS_PATH));
        assertTrue(keys.status().lastAttemptFailed());
        assertTrue(keys.status().lastFailureReason().orElseThrow().contains("another issuer"));
    }

    @Test
    void skipsMalformedUnknownAndEncryptionKeysButKeepsTheRest() throws Exception {
        RSAKey weak = new RSAKeyGenerator(1024, true).keyID("weak").generate();
        String json = "{\"keys\":["
                + "{\"kty\":\"RSA\",\"kid\":\"broken\",\"n\":\"not base64 !!\"},"
                + "{\"kty\":\"RSA\",\"kid\":\"no-modulus\",\"e\":\"AQAB\"},"
                + "{\"kty\":\"PQC\",\"kid\":\"future\",\"x\":\"abc\"},"
                + "\"not an object\","
                + "{\"kty\":\"oct\",\"kid\":\"secret\",\"k\":\"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\"},"
                + TestKeys.rsa("enc").toPublicJWK().toJSONObject().entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                        .reduce("{\"use\":\"enc\"", (a, b) -> a + "," + b)
                + "},"
                + weak.toPublicJWK().toJSONString() + ","
                + key.toPublicJWK().toJSONString()
                + "]}";
        server.publishRaw(json);
        IssuerKeys keys = keys(new JwksLocation.Fixed(server.jwksUri()), fast());

        assertEquals(
                List.of("k1"),
                keys.candidates(header("k1")).stream().map(JWK::getKeyID).toList());
        assertEquals(1, keys.status().keyCount());
        for (String skipped : List.of("enc", "secret", "weak", "broken", "future")) {
            assertTrue(found(keys, skipped).isEmpty(), skipped);
        }
    }

    @Test
    void aKeySetThatIsNotJsonIsAFailure() {
        server.publishRaw("<html>oops</html>");
        IssuerKeys keys = keys(new JwksLocation.Fixed(server.jwksUri()), fast());
        assertThrows(KeySourceException.class, () -> keys.candidates(header("k1")));
        assertTrue(keys.status().lastAttemptFailed());
    }

    @Test
    void anUnknownKidTriggersOneRefetchAndFindsANewKey() throws Exception {
        RSAKey added = TestKeys.rsa("k2"); // before the first fetch: key generation is slow on a loaded machine
        // The shipped cache TTL: no scheduled refresh can fall inside this test and add a fetch of its own.
        IssuerKeys keys = keys(new JwksLocation.Fixed(server.jwksUri()), new JwksSettings());
        assertEquals(1, keys.candidates(header("k1")).size());
        server.publish(key, added);

        assertEquals(
                List.of("k2"),
                keys.candidates(header("k2")).stream().map(JWK::getKeyID).toList());
        assertEquals(2, server.requests(JwksServer.JWKS_PATH));
    }

    @Test
    void unknownKidsCannotTurnTheServiceIntoAFlooder() throws Exception {
        JwksSettings settings = new JwksSettings(); // 30 s between refetches
        IssuerKeys keys = keys(new JwksLocation.Fixed(server.jwksUri()), settings);
        keys.candidates(header("k1"));
        for (int i = 0; i < 50; i++) {
            try {
                assertTrue(keys.candidates(header("random-" + i)).isEmpty());
            } catch (KeySourceException rateLimited) {
                // the verifier reads this as "unknown key"
            }
        }
        int fetches = server.requests(JwksServer.JWKS_PATH);
        assertTrue(fetches <= 2, "50 unknown kids caused " + fetches + " fetches");
    }

    @Test
    void cachedKeysKeepWorkingWhileTheKeySetFailsOrHangs() throws Exception {
        IssuerKeys keys = keys(new JwksLocation.Fixed(server.jwksUri()), fast());
        assertEquals(1, keys.candidates(header("k1")).size());

        server.mode(JwksServer.Mode.FAIL_500);
        Thread.sleep(2500); // past the cache TTL: the next lookup must try to refresh
        assertEquals(1, keys.candidates(header("k1")).size());
        assertTrue(keys.status().lastAttemptFailed());

        server.mode(JwksServer.Mode.HANG);
        Thread.sleep(2500);
        long start = System.nanoTime();
        assertEquals(1, keys.candidates(header("k1")).size());
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMillis < 2000, "waited " + waitedMillis + " ms for a hanging key set");
    }

    @Test
    void removedKeysDisappearAfterTheNextRefreshAndTheirVerifiersWithThem() throws Exception {
        RSAKey second = TestKeys.rsa("k2");
        server.publish(key, second);
        IssuerKeys keys = keys(new JwksLocation.Fixed(server.jwksUri()), fast());
        assertNotNull(verifierOf(keys, "k2"));
        AtomicReference<JWKSet> announced = new AtomicReference<>();
        keys.onKeySetChange(announced::set);

        server.publish(key);
        Thread.sleep(2500);

        assertTrue(keys.candidates(header("k2")).isEmpty());
        assertEquals(
                List.of("k1"),
                announced.get().getKeys().stream().map(JWK::getKeyID).toList());
        assertEquals(KeyLookup.UNKNOWN_KEY, keys.lookup(header("k2"), KeyAccess.FETCH_IF_NEEDED));
    }

    @Test
    void oneVerifierPerKey() throws Exception {
        IssuerKeys keys = keys(new JwksLocation.Fixed(server.jwksUri()), fast());
        assertSame(verifierOf(keys, "k1"), verifierOf(keys, "k1"));
    }

    static com.nimbusds.jose.JWSVerifier verifierOf(IssuerKeys keys, String kid) {
        KeyLookup lookup = keys.lookup(header(kid), KeyAccess.FETCH_IF_NEEDED);
        KeyLookup.Found found = org.junit.jupiter.api.Assertions.assertInstanceOf(KeyLookup.Found.class, lookup);
        assertEquals(kid, found.keys().get(0).jwk().getKeyID());
        return found.keys().get(0).verifier();
    }

    @Test
    void lookupAnswersWithATypedResultForEachKeyAccess() {
        IssuerKeys keys = keys(new JwksLocation.Fixed(server.jwksUri()), fast());
        // Nothing loaded yet: the non-blocking lookups must not fetch.
        assertEquals(KeyLookup.NOT_CACHED, keys.lookup(header("k1"), KeyAccess.CACHED_ONLY));
        assertEquals(
                new KeyLookup.Unavailable(fast().getMinRefreshInterval()),
                keys.lookup(header("k1"), KeyAccess.CACHED_OR_STALE));
        assertEquals(0, server.requests(JwksServer.JWKS_PATH), "a non-blocking lookup fetched the key set");
        // Fetching allowed: found, and from then on answered from memory.
        assertNotNull(verifierOf(keys, "k1"));
        assertNotNull(verifierOf(keys, "k1"));
        org.junit.jupiter.api.Assertions.assertInstanceOf(
                KeyLookup.Found.class, keys.lookup(header("k1"), KeyAccess.CACHED_ONLY));
        // A kid the fresh set lacks: not cached (so the caller may fetch), then unknown after the refetch.
        assertEquals(KeyLookup.NOT_CACHED, keys.lookup(header("nope"), KeyAccess.CACHED_ONLY));
        assertEquals(KeyLookup.UNKNOWN_KEY, keys.lookup(header("nope"), KeyAccess.FETCH_IF_NEEDED));
    }

    @Test
    void lookupSaysUnavailableWhenTheKeySetCannotBeFetched() {
        server.mode(JwksServer.Mode.FAIL_500);
        IssuerKeys keys = keys(new JwksLocation.Fixed(server.jwksUri()), fast());
        assertEquals(
                new KeyLookup.Unavailable(fast().getMinRefreshInterval()),
                keys.lookup(header("k1"), KeyAccess.FETCH_IF_NEEDED));
    }

    @Test
    void warmUpNeverThrowsAndRecordsTheOutcome() {
        server.mode(JwksServer.Mode.FAIL_500);
        IssuerKeys keys = keys(new JwksLocation.Fixed(server.jwksUri()), fast());
        keys.warmUp();
        assertTrue(keys.status().lastAttemptFailed());
        assertFalse(keys.status().lastSuccess().isPresent());
    }

    @Test
    void aKeyPublishedAsTheKeySetRecoversIsFoundByTheNextRequestNotAnsweredFromTheOutage() {
        JwksSettings settings = new JwksSettings(); // 30 s between refetches, as shipped
        settings.setFetchTimeout(Duration.ofSeconds(3));
        server.mode(JwksServer.Mode.FAIL_500);
        IssuerKeys keys = keys(new JwksLocation.Fixed(server.jwksUri()), settings);
        KeyLookup.Unavailable down = new KeyLookup.Unavailable(settings.getMinRefreshInterval());
        assertEquals(down, keys.lookup(header("k1"), KeyAccess.FETCH_IF_NEEDED));
        assertEquals(down, keys.lookup(header("k1"), KeyAccess.FETCH_IF_NEEDED)); // the interval's budget is spent

        server.publish(key, TestKeys.rsa("k2")).mode(JwksServer.Mode.SERVE);
        long start = System.nanoTime();
        assertNotNull(verifierOf(keys, "k2"));
        long waitedMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(waitedMillis < 2500, "waited " + waitedMillis + " ms for the retry after the outage");
    }
}
