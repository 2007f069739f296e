package com.example.resourceserver.auth.jws;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.auth.testing.TestKeys;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The reused-Signature RSA verifier answers exactly as Nimbus's own, also after a refusal. */
class RsaPkcs1VerifierTest {

    static final RSAKey KEY = TestKeys.rsa("k1");
    static final RSAKey OTHER = TestKeys.rsa("k2");
    static final byte[] INPUT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1In0".getBytes(StandardCharsets.US_ASCII);

    static Base64URL sign(RSAKey key, JWSAlgorithm alg, byte[] input) throws Exception {
        return new RSASSASigner(key).sign(new JWSHeader(alg), input);
    }

    @Test
    void eachPkcs1AlgorithmVerifiesItsOwnSignatureOnlyAgainAndAgain() throws Exception {
        RsaPkcs1Verifier verifier = new RsaPkcs1Verifier(KEY.toRSAPublicKey());
        for (JWSAlgorithm alg : new JWSAlgorithm[] {JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512}) {
            JWSHeader header = new JWSHeader(alg);
            Base64URL good = sign(KEY, alg, INPUT);
            for (int i = 0; i < 3; i++) { // the kept Signature must start clean each time
                assertTrue(verifier.verify(header, INPUT, good), alg.getName());
                assertFalse(verifier.verify(header, INPUT, sign(OTHER, alg, INPUT)), alg.getName());
                assertFalse(verifier.verify(header, "other".getBytes(StandardCharsets.US_ASCII), good), alg.getName());
                assertFalse(verifier.verify(header, INPUT, new Base64URL("AAAA")), "a signature of the wrong length");
            }
        }
    }

    @Test
    void aSignatureOfOneHashDoesNotPassForAnother() throws Exception {
        RsaPkcs1Verifier verifier = new RsaPkcs1Verifier(KEY.toRSAPublicKey());
        assertFalse(verifier.verify(new JWSHeader(JWSAlgorithm.RS384), INPUT, sign(KEY, JWSAlgorithm.RS256, INPUT)));
        assertTrue(verifier.verify(new JWSHeader(JWSAlgorithm.RS256), INPUT, sign(KEY, JWSAlgorithm.RS256, INPUT)));
    }

    @Test
    void pssAndCriticalHeadersTakeNimbussOwnPath() throws Exception {
        RsaPkcs1Verifier verifier = new RsaPkcs1Verifier(KEY.toRSAPublicKey());
        assertTrue(verifier.verify(new JWSHeader(JWSAlgorithm.PS256), INPUT, sign(KEY, JWSAlgorithm.PS256, INPUT)));
        JWSHeader critical = new JWSHeader.Builder(JWSAlgorithm.RS256)
                .criticalParams(Set.of("exp"))
                .customParam("exp", 1)
                .build();
        assertFalse(
                verifier.verify(critical, INPUT, sign(KEY, JWSAlgorithm.RS256, INPUT)),
                "an unknown critical parameter refuses the token, as Nimbus does");
    }

    @Test
    void threadsDoNotShareASignature() throws Exception {
        RsaPkcs1Verifier verifier = new RsaPkcs1Verifier(KEY.toRSAPublicKey());
        JWSHeader header = new JWSHeader(JWSAlgorithm.RS256);
        Base64URL good = sign(KEY, JWSAlgorithm.RS256, INPUT);
        Base64URL bad = sign(OTHER, JWSAlgorithm.RS256, INPUT);
        java.util.concurrent.atomic.AtomicInteger wrong = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            boolean valid = t % 2 == 0;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 200; i++) {
                    try {
                        if (verifier.verify(header, INPUT, valid ? good : bad) != valid) {
                            wrong.incrementAndGet();
                        }
                    } catch (Exception e) {
                        wrong.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(wrong.get() == 0, wrong + " wrong answers");
    }
}
