package com.example.resourceserver.auth.bench;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.pipeline.AuthResult;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
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
 * run. Both go through the whole request pipeline: {@code distinctNoCache} with the verified-token cache
 * off, {@code distinctCached} as shipped (the lookup, and on a miss the verification and the cache write).
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
        // The production bounds' shape: 10 000 entries in 32 MiB, here a third of the tokens.
        int entries = Math.max(1, tokens / 3);
        AuthSettings settings = new AuthSettings();
        settings.getTokenCache().setMaxEntries(entries);
        settings.getTokenCache().setMaxBytes(entries * 3355L);
        issuer = new BenchIssuer(jwks, settings);
        TokenMint mint = new TokenMint(key, jwks.baseUrl(), BenchIssuer.AUDIENCE);
        long exp = Instant.now().getEpochSecond() + 3600;
        pool = IntStream.range(0, tokens)
                .parallel()
                .mapToObj(i -> BenchIssuer.auth0Shaped(mint, i, exp).toCharArray())
                .toArray(char[][]::new);
        String first = new String(pool[0]);
        BenchIssuer.accepted(issuer.uncached, first); // loads the key set over HTTP once
        BenchIssuer.accepted(issuer.cached, first);

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

    /** The next token through the pipeline without the verified-token cache. */
    @Benchmark
    public AuthResult<VerifiedToken> distinctNoCache() {
        return BenchIssuer.accepted(issuer.uncached, nextToken());
    }

    /** The next token through the pipeline as shipped: cache lookup; on a miss, verification and the cache write. */
    @Benchmark
    public AuthResult<VerifiedToken> distinctCached() {
        return BenchIssuer.accepted(issuer.cached, nextToken());
    }
}
