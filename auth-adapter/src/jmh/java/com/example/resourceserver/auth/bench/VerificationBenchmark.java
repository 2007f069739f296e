package com.example.resourceserver.auth.bench;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.keys.KeyAccess;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.example.resourceserver.auth.token.AccessTokenVerifier;
import com.example.resourceserver.auth.token.Verification;
import com.example.resourceserver.auth.token.VerifiedTokenCache;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The verification path against its physical floor, one RS256 signature check with
 * {@link java.security.Signature}. Each invocation verifies a fresh copy of the token string, as every
 * request brings its own (so String hashing is paid as it is in production). Keys are in memory, as
 * they are for all but the first request after a key appears: this is the CPU cost, not the fetch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx256m"})
public class VerificationBenchmark {

    private BenchIssuer issuer;
    private AccessTokenVerifier verifier;
    private VerifiedTokenCache<Object> cache;
    private char[] token;

    private RSASSAVerifier nimbus;
    private JWSHeader header;
    private Signature signature;
    private RSAPublicKey publicKey;
    private byte[] signingInput;
    private byte[] signatureBytes;
    private String signatureText;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RSAKey key = TestKeys.rsa("bench");
        JwksServer jwks = JwksServer.start().publish(key);
        issuer = new BenchIssuer(jwks, new AuthSettings());
        verifier = issuer.verifier;

        // A token shaped like a real one: a few standard claims and scopes.
        String compact = new TokenMint(key, jwks.baseUrl(), BenchIssuer.AUDIENCE)
                .token()
                .claim("sub", "auth0|5f7c8ec7c33c6c004bbafe82")
                .claim("azp", BenchIssuer.CLIENT_ID)
                .claim("scope", "openid profile read:messages")
                .claim("exp", java.time.Instant.now().getEpochSecond() + 3600)
                .sign();
        token = compact.toCharArray();
        Verification first = verifier.verify(compact, KeyAccess.FETCH_IF_NEEDED); // loads the key set over HTTP once
        if (!(first instanceof Verification.Verified verified)) {
            throw new IllegalStateException("benchmark token does not verify: " + first);
        }
        cache = new VerifiedTokenCache<>(10_000, 32L * 1024 * 1024, Duration.ofMinutes(5), Clock.systemUTC());
        cache.remember(compact, verified.token(), new Object());

        int lastDot = compact.lastIndexOf('.');
        signingInput = compact.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII);
        signatureText = compact.substring(lastDot + 1);
        signatureBytes = new Base64URL(signatureText).decode();
        publicKey = key.toRSAPublicKey();
        signature = Signature.getInstance("SHA256withRSA");
        nimbus = new RSASSAVerifier(publicKey);
        header = SignedJWT.parse(compact).getHeader();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        issuer.close();
    }

    /** The floor: one RSA-2048 PKCS#1 v1.5 SHA-256 verification with a reused Signature object. */
    @Benchmark
    public boolean rawRsaVerify() throws Exception {
        signature.initVerify(publicKey);
        signature.update(signingInput);
        return signature.verify(signatureBytes);
    }

    /** Nimbus's own RSA verifier, which looks up a new Signature for every call (what we used before). */
    @Benchmark
    public boolean nimbusRsaVerify() throws Exception {
        return nimbus.verify(header, signingInput, new Base64URL(signatureText));
    }

    /** Full verification of a token seen for the first time (cache miss), keys in memory. */
    @Benchmark
    public Verification verifyCacheMiss() {
        Verification result = verifier.verify(new String(token), KeyAccess.CACHED_ONLY);
        if (!(result instanceof Verification.Verified)) {
            throw new IllegalStateException("not verified: " + result);
        }
        return result;
    }

    /** A token verified before: the cache lookup the validator does first. */
    @Benchmark
    public Object verifyCacheHit() {
        VerifiedTokenCache.Entry<Object> entry = cache.find(new String(token));
        if (entry == null) {
            throw new IllegalStateException("cache miss");
        }
        return entry.value();
    }
}
