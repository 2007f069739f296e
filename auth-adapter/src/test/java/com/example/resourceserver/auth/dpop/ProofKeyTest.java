package com.example.resourceserver.auth.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.resourceserver.auth.jws.JwsHeader;
import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A proof header's checks are remembered with the header, by its exact text, only once they passed, with what
 * proofs need, and only for the rules they passed.
 */
class ProofKeyTest {

    static final ECKey KEY = TestKeys.ec("proof-headers");
    static final ProofRules ES256 = new ProofRules(Set.of(JWSAlgorithm.ES256), Duration.ofMinutes(1), Duration.ZERO);

    final JwsReader reader = new JwsReader();

    JwsHeader headerOf(Map<String, Object> header, String jti) throws JwsReader.Refused {
        Map<String, Object> claims = Proofs.claims(jti, "GET", "https://api.example/x", Instant.now(), "token");
        String proof = Proofs.signed(header, claims, Proofs.signer(KEY, JWSAlgorithm.ES256));
        return reader.read(proof, ProofRules.DEFAULT_MAX_LENGTH).header();
    }

    @Test
    void aHeaderThatPassesIsRememberedWithItsVerifierAndThumbprint() throws Exception {
        JwsHeader header = headerOf(Proofs.header(KEY, JWSAlgorithm.ES256), "a");
        assertNull(header.derived());

        ProofKey checked = ProofKey.of(header, ES256);

        assertSame(checked, header.derived());
        assertEquals(KEY.computeThumbprint("SHA-256").toString(), checked.thumbprint());
        JwsHeader again = headerOf(Proofs.header(KEY, JWSAlgorithm.ES256), "b");
        assertSame(header, again, "another proof with the same header text: the same header, read once");
        assertSame(checked, ProofKey.of(again, ES256));
        Map<String, Object> other = new HashMap<>(Proofs.header(KEY, JWSAlgorithm.ES256));
        other.put("x", "y");
        JwsHeader different = headerOf(other, "c");
        assertNotSame(header, different, "the exact text only");
        assertNull(different.derived());
    }

    @Test
    void aHeaderThatFailsIsNotRemembered() throws Exception {
        Map<String, Object> json = new HashMap<>(Proofs.header(KEY, JWSAlgorithm.ES256));
        json.put("typ", "JWT");
        JwsHeader header = headerOf(json, "a");

        ProofRefused refused = assertThrows(ProofRefused.class, () -> ProofKey.of(header, ES256));
        assertEquals(Reason.DPOP_PROOF_WRONG_TYPE, refused.reason());
        assertNull(header.derived());
    }

    @Test
    void anAlgorithmOffTheListIsRefusedWhateverAnotherVerifierRemembers() throws Exception {
        JwsHeader header = headerOf(Proofs.header(KEY, JWSAlgorithm.ES256), "a");
        ProofKey.of(header, ES256);

        ProofRules rsaOnly = new ProofRules(Set.of(JWSAlgorithm.RS256), Duration.ofMinutes(1), Duration.ZERO);
        ProofRefused refused = assertThrows(ProofRefused.class, () -> ProofKey.of(header, rsaOnly));
        assertEquals(Reason.DPOP_PROOF_DISALLOWED_ALGORITHM, refused.reason());
    }
}
