package com.example.resourceserver.auth.token.dpop;

import com.example.resourceserver.auth.keys.JdkEd25519Verifier;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;

/**
 * The proof's {@code jwk} header (RFC 9449 §4.2, §4.3 point 7): a public key only, of the type its
 * {@code alg} needs, and the verifier made from it.
 */
final class ProofKey {

    /** Members that carry private or secret key material in any key type (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2). */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
    /** Below this, an RSA key is too weak to prove possession (RFC 7518 §3.3 requires 2048 bits). */
    private static final int MIN_RSA_BITS = 2048;

    private ProofKey() {}

    /** The public key in the header's {@code jwk} member, checked against the raw JSON so no private member slips by. */
    static JWK from(Map<String, Object> header) throws ProofRefused {
        Object member = header.get("jwk");
        if (member == null) {
            throw new ProofRefused(Reason.DPOP_PROOF_MISSING_KEY);
        }
        if (!(member instanceof Map<?, ?> jwk)) {
            throw new ProofRefused(Reason.DPOP_PROOF_UNUSABLE_KEY);
        }
        for (Object name : jwk.keySet()) {
            if (PRIVATE_MEMBERS.contains(name)) {
                throw new ProofRefused(Reason.DPOP_PROOF_PRIVATE_KEY);
            }
        }
        try {
            @SuppressWarnings("unchecked")
            JWK key = JWK.parse((Map<String, Object>) jwk);
            if (key.isPrivate()) {
                throw new ProofRefused(Reason.DPOP_PROOF_PRIVATE_KEY);
            }
            return key;
        } catch (ParseException e) {
            throw new ProofRefused(Reason.DPOP_PROOF_UNUSABLE_KEY);
        }
    }

    /** A verifier for {@code alg} with this key; refused when the key's type or curve does not fit the algorithm. */
    static JWSVerifier verifier(JWK key, JWSAlgorithm alg) throws ProofRefused {
        try {
            if (JWSAlgorithm.Family.RSA.contains(alg) && key instanceof RSAKey rsa && rsa.size() >= MIN_RSA_BITS) {
                return new RSASSAVerifier(rsa.toRSAPublicKey());
            }
            if (JWSAlgorithm.Family.EC.contains(alg)
                    && key instanceof ECKey ec
                    && Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
                return new ECDSAVerifier(ec);
            }
            if (JWSAlgorithm.EdDSA.equals(alg) && key instanceof OctetKeyPair okp) {
                return new JdkEd25519Verifier(okp);
            }
        } catch (JOSEException | RuntimeException e) {
            // a point off its curve, a key the JDK cannot build: not usable
        }
        throw new ProofRefused(Reason.DPOP_PROOF_UNUSABLE_KEY);
    }
}
