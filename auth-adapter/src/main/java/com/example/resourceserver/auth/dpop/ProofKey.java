package com.example.resourceserver.auth.dpop;

import com.example.resourceserver.auth.jws.JwsHeader;
import com.example.resourceserver.auth.jws.Verifiers;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import java.text.ParseException;
import java.util.Map;
import java.util.Set;

/**
 * A proof's JOSE header checked (RFC 9449 §4.3 points 4, 5 and 7), on its raw members: {@code typ}
 * {@code dpop+jwt}, an {@code alg} from the allow-list (which never holds {@code none} or HMAC), no
 * {@code crit} (RFC 9449 defines no extension, so any would be one we do not understand, RFC 7515 §4.1.11), and
 * a public {@code jwk} (no private member, checked on the raw JSON so none slips past Nimbus's parser) of the
 * type its {@code alg} needs; then the verifier made from that key and its RFC 7638 thumbprint.
 *
 * <p>A client signs every proof with one key, so the same header text comes again and again: what was built
 * from it is kept on the header ({@link JwsHeader#derived()}), tagged with the rules it passed, and only the
 * signature, the claims, the binding and the replay check are done for every proof. Building the key, its
 * verifier and its thumbprint was a third of an RS256 proof's cost.
 */
record ProofKey(ProofRules checkedAgainst, JWSVerifier verifier, String thumbprint) {

    /** Members that carry private or secret key material in any key type (RFC 7518 §6.2.2, §6.3.2, §6.4; RFC 8037 §2). */
    private static final Set<String> PRIVATE_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

    static ProofKey of(JwsHeader header, ProofRules rules) throws ProofRefused {
        if (header.derived() instanceof ProofKey known && known.checkedAgainst() == rules) {
            return known;
        }
        Map<String, Object> json = header.json();
        if (!(json.get("typ") instanceof String typ) || !isDpopType(typ)) {
            throw new ProofRefused(Reason.DPOP_PROOF_WRONG_TYPE);
        }
        JWSAlgorithm alg = header.algorithmName() == null ? null : JWSAlgorithm.parse(header.algorithmName());
        if (alg == null || !rules.algorithms().contains(alg)) {
            throw new ProofRefused(Reason.DPOP_PROOF_DISALLOWED_ALGORITHM);
        }
        if (json.containsKey("crit")) {
            throw new ProofRefused(Reason.DPOP_PROOF_UNSUPPORTED_CRITICAL_HEADER);
        }
        JWK key = publicKey(json);
        if (header.parsed() == null) {
            throw new ProofRefused(Reason.DPOP_PROOF_MALFORMED); // a header Nimbus does not accept as a JWS header
        }
        JWSVerifier verifier = verifier(key, alg);
        try {
            ProofKey checked = new ProofKey(
                    rules, verifier, key.computeThumbprint("SHA-256").toString());
            header.derived(checked);
            return checked;
        } catch (JOSEException e) {
            throw new ProofRefused(Reason.DPOP_PROOF_UNUSABLE_KEY);
        }
    }

    /**
     * RFC 7515 §4.1.9: media types compare case-insensitively, and {@code application/} may be left out (and
     * should be, as RFC 9449 writes it).
     */
    private static boolean isDpopType(String typ) {
        return typ.equalsIgnoreCase("dpop+jwt") || typ.equalsIgnoreCase("application/dpop+jwt");
    }

    private static JWK publicKey(Map<String, Object> header) throws ProofRefused {
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
        } catch (ParseException | RuntimeException e) {
            throw new ProofRefused(Reason.DPOP_PROOF_UNUSABLE_KEY);
        }
    }

    /** A verifier for {@code alg} with this key; refused when the key's type or curve does not fit the algorithm. */
    private static JWSVerifier verifier(JWK key, JWSAlgorithm alg) throws ProofRefused {
        boolean fits = (JWSAlgorithm.Family.RSA.contains(alg) && key instanceof RSAKey)
                || (JWSAlgorithm.Family.EC.contains(alg)
                        && key instanceof ECKey ec
                        && Curve.forJWSAlgorithm(alg).contains(ec.getCurve()))
                || (JWSAlgorithm.EdDSA.equals(alg) && key instanceof OctetKeyPair);
        try {
            if (fits) {
                return Verifiers.forClientKey(key);
            }
        } catch (JOSEException | RuntimeException e) {
            // a point off its curve, a weak RSA key, a key the JDK cannot build: not usable
        }
        throw new ProofRefused(Reason.DPOP_PROOF_UNUSABLE_KEY);
    }
}
