package com.example.resourceserver.auth.token.dpop;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a proof's JOSE header (RFC 9449 §4.3 points 4, 5 and 7), on the raw JSON object: {@code typ}
 * {@code dpop+jwt}, an {@code alg} from the allow-list (which never holds {@code none} or HMAC), no
 * {@code crit} (RFC 9449 defines no extension, so any would be one we do not understand, RFC 7515 §4.1.11),
 * and a public {@code jwk}.
 */
record ProofHeader(JWSAlgorithm alg, JWK key) {

    static ProofHeader check(Map<String, Object> header, Set<JWSAlgorithm> allowed) throws ProofRefused {
        if (!(header.get("typ") instanceof String typ) || !isDpopType(typ)) {
            throw new ProofRefused(Reason.DPOP_PROOF_WRONG_TYPE);
        }
        JWSAlgorithm alg = header.get("alg") instanceof String name ? JWSAlgorithm.parse(name) : null;
        if (alg == null || !allowed.contains(alg)) {
            throw new ProofRefused(Reason.DPOP_PROOF_DISALLOWED_ALGORITHM);
        }
        if (header.containsKey("crit")) {
            throw new ProofRefused(Reason.DPOP_PROOF_UNSUPPORTED_CRITICAL_HEADER);
        }
        return new ProofHeader(alg, ProofKey.from(header));
    }

    /**
     * RFC 7515 §4.1.9: media types compare case-insensitively, and {@code application/} may be left out (and
     * should be, as RFC 9449 writes it).
     */
    private static boolean isDpopType(String typ) {
        return typ.equalsIgnoreCase("dpop+jwt") || typ.equalsIgnoreCase("application/dpop+jwt");
    }
}
