package com.example.resourceserver.auth.bench;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.pipeline.AuthResult;
import com.example.resourceserver.auth.testing.JwksServer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
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
 * What each algorithm of {@code AUTH_ALGORITHMS} costs: a token not seen before through the request pipeline
 * (the distinct-token path, the verified-token cache off), keys in memory, one key of the usual size per family (RSA 2048, the curve
 * of each ES algorithm, Ed25519). app/bench/jmh.sh reports each as a multiple of RS256.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class AlgorithmBenchmark {

    @Param({"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"})
    public String algorithm;

    private BenchIssuer issuer;
    private char[] token;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        JwksServer jwks = JwksServer.start();
        String input = signingInput(alg, jwks.baseUrl());
        String compact;
        JWK publicKey;
        if (alg.equals(JWSAlgorithm.EdDSA)) {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] spki = pair.getPublic().getEncoded();
            publicKey = new OctetKeyPair.Builder(
                            Curve.Ed25519, Base64URL.encode(Arrays.copyOfRange(spki, spki.length - 32, spki.length)))
                    .keyID("bench")
                    .build();
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(pair.getPrivate());
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            compact = input + "." + Base64URL.encode(signer.sign());
        } else {
            JWSSigner signer;
            if (JWSAlgorithm.Family.EC.contains(alg)) {
                ECKey key = new ECKeyGenerator(
                                Curve.forJWSAlgorithm(alg).iterator().next())
                        .keyID("bench")
                        .generate();
                signer = new ECDSASigner(key);
                publicKey = key.toPublicJWK();
            } else {
                RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
                signer = new RSASSASigner(key);
                publicKey = key.toPublicJWK();
            }
            compact = input + "." + signer.sign(new JWSHeader(alg), input.getBytes(StandardCharsets.US_ASCII));
        }
        jwks.publish(publicKey);
        AuthSettings settings = new AuthSettings();
        settings.setAlgorithms(algorithm);
        issuer = new BenchIssuer(jwks, settings);
        token = compact.toCharArray();
        BenchIssuer.accepted(issuer.uncached, compact); // loads the key set over HTTP once
    }

    /** Header and claims shaped like a real access token's, base64url-encoded. */
    private static String signingInput(JWSAlgorithm alg, String issuer) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", alg.getName());
        header.put("typ", "JWT");
        header.put("kid", "bench");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", "https://api.example/");
        claims.put("sub", "auth0|5f7c8ec7c33c6c004bbafe82");
        claims.put("azp", "zZ9t2hQsVYg0xkaL7sy2HMsF1Ty0zZhE");
        claims.put("scope", "openid profile read:messages");
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("exp", Instant.now().getEpochSecond() + 3600);
        return Base64URL.encode(JSONObjectUtils.toJSONString(header)) + "."
                + Base64URL.encode(JSONObjectUtils.toJSONString(claims));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        issuer.close();
    }

    /** A token seen for the first time (the cache off), keys in memory: the whole pipeline. */
    @Benchmark
    public AuthResult<VerifiedToken> verify() {
        return BenchIssuer.accepted(issuer.uncached, new String(token));
    }
}
