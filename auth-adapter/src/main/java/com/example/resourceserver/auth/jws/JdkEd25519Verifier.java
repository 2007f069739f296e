package com.example.resourceserver.auth.jws;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Set;

/**
 * Verifies EdDSA signatures made with an Ed25519 key (RFC 8037), with the JDK's own EdDSA provider.
 *
 * <p>Our own because Nimbus's {@code Ed25519Verifier} needs Google Tink (and protobuf) on the class path,
 * while every JDK since 15 verifies Ed25519 natively.
 */
public final class JdkEd25519Verifier implements JWSVerifier {

    /** The DER prefix of an X.509 SubjectPublicKeyInfo for Ed25519 (OID 1.3.101.112), before the 32-byte key. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA);

    private final PublicKey publicKey;
    private final JCAContext jcaContext = new JCAContext();

    public JdkEd25519Verifier(OctetKeyPair key) throws JOSEException {
        if (!Curve.Ed25519.equals(key.getCurve())) {
            throw new JOSEException("Only Ed25519 keys verify EdDSA here, not " + key.getCurve());
        }
        byte[] x = key.getX().decode();
        if (x.length != 32) {
            throw new JOSEException("An Ed25519 public key has 32 bytes");
        }
        byte[] encoded = new byte[SPKI_PREFIX.length + x.length];
        System.arraycopy(SPKI_PREFIX, 0, encoded, 0, SPKI_PREFIX.length);
        System.arraycopy(x, 0, encoded, SPKI_PREFIX.length, x.length);
        try {
            this.publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new JOSEException("Not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) throws JOSEException {
        if (!ALGORITHMS.contains(header.getAlgorithm())) {
            throw new JOSEException("Unsupported algorithm " + header.getAlgorithm() + " for an Ed25519 key");
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(publicKey);
            verifier.update(signingInput);
            return verifier.verify(signature.decode());
        } catch (GeneralSecurityException e) {
            return false; // a signature of the wrong length or encoding is simply not valid
        }
    }

    @Override
    public Set<JWSAlgorithm> supportedJWSAlgorithms() {
        return ALGORITHMS;
    }

    @Override
    public JCAContext getJCAContext() {
        return jcaContext;
    }
}
