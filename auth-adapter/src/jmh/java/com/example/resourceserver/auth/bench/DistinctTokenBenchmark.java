package com.example.resourceserver.auth.bench;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.keys.KeyAccess;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.example.resourceserver.auth.token.AccessTokenVerifier;
import com.example.resourceserver.auth.token.Verification;
import com.example.resourceserver.auth.token.VerifiedTokenCache;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.stream.IntStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The distinct-token path without HTTP: {@code tokens} distinct valid tokens, round-robin, against a
 * verified-token cache of a third of that many entries (load.sh's 30 000 tokens over 10 000 entries,
 * scaled down so that minting stays quick), next to the floor of one raw RS256 verification in the same
 * run. {@code distinctNoCache} is the verification alone; {@code distinctCached} adds what the validator
 * does around it: the cache lookup, and on a miss the copy of the claims it keeps and the cache write.
 * Their difference is what the cache costs on this path, less what its hits save.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DistinctTokenBenchmark {

    @Param("6000")
    public int tokens;

    private BenchIssuer issuer;
    private AccessTokenVerifier verifier;
    private VerifiedTokenCache<Object> cache;
    private char[][] pool;
    private int next;

    private Signature signature;
    private RSAPublicKey publicKey;
    private byte[] signingInput;
    private byte[] signatureBytes;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RSAKey key = TestKeys.rsa("bench");
        JwksServer jwks = JwksServer.start().publish(key);
        issuer = new BenchIssuer(jwks, new AuthSettings());
        verifier = issuer.verifier;
        TokenMint mint = new TokenMint(key, jwks.baseUrl(), BenchIssuer.AUDIENCE);
        long exp = Instant.now().getEpochSecond() + 3600;
        pool = IntStream.range(0, tokens)
                .parallel()
                .mapToObj(i -> BenchIssuer.auth0Shaped(mint, i, exp).toCharArray())
                .toArray(char[][]::new);
        String first = new String(pool[0]);
        if (!(verifier.verify(first, KeyAccess.FETCH_IF_NEEDED) instanceof Verification.Verified)) {
            throw new IllegalStateException("benchmark token does not verify");
        }
        // The production bounds' shape: 10 000 entries in 32 MiB, here a third of the tokens.
        int entries = Math.max(1, tokens / 3);
        cache = new VerifiedTokenCache<>(entries, entries * 3355L, Duration.ofMinutes(5), Clock.systemUTC());

        int lastDot = first.lastIndexOf('.');
        signingInput = first.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        signatureBytes = new Base64URL(first.substring(lastDot + 1)).decode();
        publicKey = key.toRSAPublicKey();
        signature = Signature.getInstance("SHA256withRSA");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        issuer.close();
    }

    private String nextToken() {
        char[] token = pool[next];
        next = next + 1 == pool.length ? 0 : next + 1;
        return new String(token); // each request brings its own string
    }

    /** The floor: one RSA-2048 PKCS#1 v1.5 SHA-256 verification with a reused Signature object. */
    @Benchmark
    public boolean rawRsaVerify() throws Exception {
        signature.initVerify(publicKey);
        signature.update(signingInput);
        return signature.verify(signatureBytes);
    }

    /** Full verification of the next token, no cache. */
    @Benchmark
    public Verification distinctNoCache() {
        return verifier.verify(nextToken(), KeyAccess.CACHED_ONLY);
    }

    /** What the validator does for the next token: cache lookup; on a miss, verification and the cache write. */
    @Benchmark
    public Object distinctCached() {
        String token = nextToken();
        VerifiedTokenCache.Entry<Object> hit = cache.find(token);
        if (hit != null) {
            return hit.value();
        }
        Verification result = verifier.verify(token, KeyAccess.CACHED_ONLY);
        if (!(result instanceof Verification.Verified verified)) {
            throw new IllegalStateException("not verified: " + result);
        }
        Object value = new HashMap<>(verified.token().claims()); // as the validator's Authentication copies them
        cache.remember(token, verified.token(), value);
        return value;
    }
}
