package com.example.resourceserver.auth.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.JwksSettings;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A published key whose {@code key_ops} (RFC 7517 §4.3) is present without {@code verify} is not used
 * to verify tokens; without {@code key_ops}, or with {@code verify} among them, it is. Over real HTTP.
 */
class KeyOperationsTest {

    static JWK withOps(String kid, Set<KeyOperation> ops) {
        RSAKey key = TestKeys.rsa(kid).toPublicJWK();
        return ops == null ? key : new RSAKey.Builder(key).keyOperations(ops).build();
    }

    @Test
    void onlyKeysThatMayVerifyAreUsed() throws Exception {
        String emptyOps = rawWithOps("empty", "[]");
        String json = "{\"keys\":["
                + withOps("plain", null).toJSONString() + ","
                + withOps("verify", Set.of(KeyOperation.VERIFY)).toJSONString() + ","
                + withOps("sign-verify", Set.of(KeyOperation.SIGN, KeyOperation.VERIFY))
                        .toJSONString() + ","
                + withOps("encrypt", Set.of(KeyOperation.ENCRYPT)).toJSONString() + ","
                + withOps("wrap", Set.of(KeyOperation.WRAP_KEY, KeyOperation.ENCRYPT))
                        .toJSONString() + ","
                + withOps("sign", Set.of(KeyOperation.SIGN)).toJSONString() + ","
                + emptyOps
                + "]}";
        ExecutorService executor = Executors.newCachedThreadPool();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (JwksServer server = JwksServer.start().publishRaw(json);
                IssuerKeys keys = TestKeySets.create(
                        new TrustedIssuer("test", server.baseUrl(), "aud", new JwksLocation.Fixed(server.jwksUri())),
                        new JwksSettings(),
                        false,
                        Clock.systemUTC(),
                        executor,
                        scheduler,
                        KeyFetchObserver.NONE)) {
            Map<String, String> verdicts =
                    List.of("plain", "verify", "sign-verify", "encrypt", "wrap", "sign", "empty").stream()
                            .collect(Collectors.toMap(kid -> kid, kid -> verdict(keys, kid)));

            assertEquals(
                    Map.of(
                            "plain",
                            "used",
                            "verify",
                            "used",
                            "sign-verify",
                            "used",
                            "encrypt",
                            "unknown",
                            "wrap",
                            "unknown",
                            "sign",
                            "unknown",
                            "empty",
                            "unknown"),
                    verdicts);
            assertEquals(3, keys.status().keyCount());
        } finally {
            executor.shutdownNow();
            scheduler.shutdownNow();
        }
    }

    private static String verdict(IssuerKeys keys, String kid) {
        KeyLookup lookup =
                keys.lookup(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), KeyAccess.FETCH_IF_NEEDED);
        if (lookup == KeyLookup.UNKNOWN_KEY) {
            return "unknown";
        }
        KeyLookup.Found found = assertInstanceOf(KeyLookup.Found.class, lookup, kid);
        assertEquals(kid, found.keys().get(0).jwk().getKeyID());
        return "used";
    }

    /** An RSA public key with a literal {@code key_ops} value, for values a JWK builder would not write. */
    private static String rawWithOps(String kid, String ops) {
        String json = TestKeys.rsa(kid).toPublicJWK().toJSONString();
        return json.substring(0, json.length() - 1) + ",\"key_ops\":" + ops + "}";
    }
}
