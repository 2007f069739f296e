package com.example.resourceserver.auth.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * The verifier for a public key, whoever presents it (an issuer's key set, a DPoP proof's {@code jwk}): EC with
 * Nimbus's {@link ECDSAVerifier} (which also refuses points off their curve), Ed25519 with
 * {@link JdkEd25519Verifier}, RSA with Nimbus's {@link RSASSAVerifier} or, for an issuer's keys, which verify
 * nearly every request, {@link RsaPkcs1Verifier} (its JCA objects kept per thread; one per DPoP client key
 * would hold a Signature per thread for each of thousands of clients). RSA keys shorter than 2048 bits verify
 * nothing here (RFC 7518 §3.3).
 */
public final class Verifiers {

    public static final int MIN_RSA_BITS = 2048;

    private Verifiers() {}

    /** For a key of an issuer's key set. @throws JOSEException with the reason when it cannot verify here */
    public static JWSVerifier forIssuerKey(JWK key) throws JOSEException {
        return forKey(key, true);
    }

    /** For the key a DPoP proof carries. @throws JOSEException with the reason when it cannot verify here */
    public static JWSVerifier forClientKey(JWK key) throws JOSEException {
        return forKey(key, false);
    }

    private static JWSVerifier forKey(JWK key, boolean frequent) throws JOSEException {
        try {
            if (key instanceof RSAKey rsa) {
                if (rsa.size() < MIN_RSA_BITS) {
                    throw new JOSEException("RSA key shorter than " + MIN_RSA_BITS + " bits");
                }
                return frequent ? new RsaPkcs1Verifier(rsa.toRSAPublicKey()) : new RSASSAVerifier(rsa);
            }
            if (key instanceof ECKey ec) {
                return new ECDSAVerifier(ec);
            }
            if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                return new JdkEd25519Verifier(okp);
            }
        } catch (RuntimeException e) {
            throw new JOSEException("not a usable public key: " + e.getMessage(), e);
        }
        throw new JOSEException("key type " + key.getKeyType() + " is not used for verification here");
    }
}
