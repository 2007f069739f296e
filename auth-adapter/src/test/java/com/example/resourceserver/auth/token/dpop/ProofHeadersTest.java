package com.example.resourceserver.auth.token.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Headers are remembered by their exact text, only once they passed their checks, with what proofs need. */
class ProofHeadersTest {

    static final ECKey KEY = TestKeys.ec("proof-headers");

    static String text(Map<String, Object> header) {
        return Base64URL.encode(JSONObjectUtils.toJSONString(header).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    @Test
    void aHeaderThatPassesIsRememberedWithItsVerifierAndThumbprint() throws Exception {
        ProofHeaders headers = new ProofHeaders(Set.of(JWSAlgorithm.ES256));
        Map<String, Object> json = Proofs.header(KEY, JWSAlgorithm.ES256);
        String text = text(json);
        assertNull(headers.remembered(text));

        ProofHeaders.Checked checked = headers.check(text, json);

        assertSame(checked, headers.remembered(text));
        assertEquals(KEY.computeThumbprint("SHA-256").toString(), checked.thumbprint());
        assertEquals(JWSAlgorithm.ES256, checked.header().getAlgorithm());
        assertNull(headers.remembered(text + "A"), "the exact text only");
    }

    @Test
    void aHeaderThatFailsIsNotRemembered() {
        ProofHeaders headers = new ProofHeaders(Set.of(JWSAlgorithm.ES256));
        Map<String, Object> json = new HashMap<>(Proofs.header(KEY, JWSAlgorithm.ES256));
        json.put("typ", "JWT");
        String text = text(json);

        ProofRefused refused = assertThrows(ProofRefused.class, () -> headers.check(text, json));
        assertEquals(Reason.DPOP_PROOF_WRONG_TYPE, refused.reason());
        assertNull(headers.remembered(text));
    }

    @Test
    void anAlgorithmOffTheListIsRefusedWhateverAnotherVerifierRemembers() throws Exception {
        Map<String, Object> json = Proofs.header(KEY, JWSAlgorithm.ES256);
        String text = text(json);
        new ProofHeaders(Set.of(JWSAlgorithm.ES256)).check(text, json);

        ProofHeaders rsaOnly = new ProofHeaders(Set.of(JWSAlgorithm.RS256));
        assertNull(rsaOnly.remembered(text));
        ProofRefused refused = assertThrows(ProofRefused.class, () -> rsaOnly.check(text, json));
        assertEquals(Reason.DPOP_PROOF_DISALLOWED_ALGORITHM, refused.reason());
    }
}
