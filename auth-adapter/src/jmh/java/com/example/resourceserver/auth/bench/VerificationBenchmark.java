package com.example.resourceserver.auth.bench;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.pipeline.AuthResult;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
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

        // A token shaped like a real one: a few standard claims and scopes.
        String compact = new TokenMint(key, jwks.baseUrl(), BenchIssuer.AUDIENCE)
                .token()
                .claim("sub", "auth0|5f7c8ec7c33c6c004bbafe82")
                .claim("azp", BenchIssuer.CLIENT_ID)
                .claim("scope", "openid profile read:messages")
                .claim("exp", java.time.Instant.now().getEpochSecond() + 3600)
                .sign();
        token = compact.toCharArray();
        BenchIssuer.accepted(issuer.uncached, compact); // loads the key set over HTTP once
        BenchIssuer.accepted(issuer.cached, compact); // and remembers the token

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

    /** A token seen for the first time (the cache off), keys in memory: the whole pipeline. */
    @Benchmark
    public AuthResult<VerifiedToken> verifyCacheMiss() {
        return BenchIssuer.accepted(issuer.uncached, new String(token));
    }

    /** A token verified before: the pipeline answers from the verified-token cache. */
    @Benchmark
    public AuthResult<VerifiedToken> verifyCacheHit() {
        return BenchIssuer.accepted(issuer.cached, new String(token));
    }
}
