package com.example.resourceserver.auth.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * Nimbus's RSA verifier, with one {@link Signature} per thread and algorithm kept ready for this key for
 * RS256, RS384 and RS512: Nimbus looks up and initialises a new one for every token
 * ({@code Signature.getInstance} walks the JCA providers), which the distinct-token benchmark showed on
 * every request (docs/performance.md). A verified or refused signature leaves the object ready for the
 * next one (as {@link Signature#verify(byte[])} documents); one that threw is dropped. Anything else
 * (PS256/384/512, critical header parameters, a JCA provider set on the context) is Nimbus's own path.
 */
final class RsaPkcs1Verifier extends RSASSAVerifier {

    private static final JWSAlgorithm[] ALGORITHMS = {JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512};
    private static final String[] JCA_NAMES = {"SHA256withRSA", "SHA384withRSA", "SHA512withRSA"};

    private final ThreadLocal<Signature[]> ready = ThreadLocal.withInitial(() -> new Signature[ALGORITHMS.length]);

    RsaPkcs1Verifier(RSAPublicKey publicKey) {
        super(publicKey);
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        int index = indexOf(header.getAlgorithm());
        if (index < 0 || header.getCriticalParams() != null || getJCAContext().getProvider() != null) {
            return super.verify(header, signingInput, signature);
        }
        Signature[] signatures = ready.get();
        Signature verifier = signatures[index];
        signatures[index] = null; // kept again only once it is known to be reusable
        try {
            if (verifier == null) {
                verifier = Signature.getInstance(JCA_NAMES[index]);
                verifier.initVerify(getPublicKey());
            }
            verifier.update(signingInput);
            boolean valid = verifier.verify(decode(signature));
            signatures[index] = verifier;
            return valid;
        } catch (java.security.SignatureException e) {
            return false; // e.g. a signature of the wrong length: not valid, as Nimbus answers
        } catch (GeneralSecurityException e) {
            throw new JOSEException("RSA signature verification failed: " + e.getMessage(), e);
        }
    }

    /**
     * The JDK's decoder: Nimbus's took ~4 µs for a 2048-bit signature, a tenth of the RSA operation. It is
     * strict where Nimbus's skips stray characters; a signature it cannot decode verifies nothing.
     */
    private static byte[] decode(Base64URL signature) throws java.security.SignatureException {
        try {
            return Base64.getUrlDecoder().decode(signature.toString());
        } catch (IllegalArgumentException e) {
            throw new java.security.SignatureException("not base64url", e);
        }
    }

    private static int indexOf(JWSAlgorithm algorithm) {
        for (int i = 0; i < ALGORITHMS.length; i++) {
            if (ALGORITHMS[i].equals(algorithm)) {
                return i;
            }
        }
        return -1;
    }
}
