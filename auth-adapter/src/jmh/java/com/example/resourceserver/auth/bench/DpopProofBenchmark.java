package com.example.resourceserver.auth.bench;

import com.example.resourceserver.auth.dpop.DpopOutcome;
import com.example.resourceserver.auth.dpop.DpopProofVerifier;
import com.example.resourceserver.auth.dpop.InMemoryProofReplayStore;
import com.example.resourceserver.auth.dpop.ProofRules;
import com.example.resourceserver.auth.jws.JwsReader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What checking one DPoP proof costs (RFC 9449 §4.3, {@link DpopProofVerifier} with the in-memory replay
 * store): every request brings a fresh proof, so each proof here is used once. {@code PROOFS} proofs with
 * distinct {@code jti} are made by Nimbus's OAuth SDK as a client makes them, and one measured operation
 * checks all of them against an empty replay store (JMH's single-shot mode with a batch), so the score
 * divided by {@code PROOFS} is the cost of one proof, {@code jti} recording included. ES256 proofs
 * (P-256, the usual DPoP key) and RS256 proofs (RSA-2048); app/bench/jmh.sh prints the per-proof cost
 * next to {@link VerificationBenchmark}'s raw RS256 verification.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.MICROSECONDS)
@Warmup(iterations = 6, batchSize = DpopProofBenchmark.PROOFS)
@Measurement(iterations = 6, batchSize = DpopProofBenchmark.PROOFS)
@Fork(1)
public class DpopProofBenchmark {

    static final int PROOFS = 1000;
    private static final String URL = "https://api.example/api/private";

    @Param({"ES256", "RS256"})
    public String algorithm;

    private DpopProofVerifier verifier;
    private String[] proofs;
    private String accessToken;
    private String thumbprint;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm);
        JWK key = alg.equals(JWSAlgorithm.ES256)
                ? new ECKeyGenerator(Curve.P_256).generate()
                : new RSAKeyGenerator(2048).generate();
        thumbprint = key.computeThumbprint("SHA-256").toString();
        accessToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJl"; // only hashed into ath
        DefaultDPoPProofFactory factory = new DefaultDPoPProofFactory(key, alg);
        Date iat = Date.from(Instant.now());
        proofs = IntStream.range(0, PROOFS)
                .parallel()
                .mapToObj(i -> {
                    try {
                        return factory.createDPoPJWT(
                                        new JWTID("proof-" + i),
                                        "GET",
                                        URI.create(URL),
                                        iat,
                                        new DPoPAccessToken(accessToken))
                                .serialize();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toArray(String[]::new);
    }

    private final JwsReader reader = new JwsReader(); // one per service, its header memo kept across batches

    /** An empty replay store for each batch, so that every proof is seen for the first time. */
    @Setup(Level.Iteration)
    public void freshReplayStore() {
        verifier = new DpopProofVerifier(
                new ProofRules(
                        Set.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), Duration.ofMinutes(5), Duration.ofMinutes(1)),
                new InMemoryProofReplayStore(100_000),
                reader);
        next = 0;
    }

    /** One fresh proof checked and used up; a batch of {@code PROOFS} is one measured operation. */
    @Benchmark
    public DpopOutcome verifyFreshProof() {
        DpopOutcome outcome = verifier.verify(proofs[next++], "GET", URL, accessToken, thumbprint, Instant.now())
                .toCompletableFuture()
                .join();
        if (!(outcome instanceof DpopOutcome.Accepted)) {
            throw new IllegalStateException("proof not accepted: " + outcome);
        }
        return outcome;
    }
}
