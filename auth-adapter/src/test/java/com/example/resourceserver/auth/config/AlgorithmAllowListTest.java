package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlgorithmAllowListTest {

    @Test
    void algorithmsDefaultToRs256AndAcceptAList() {
        assertEquals(Set.of(JWSAlgorithm.RS256), AlgorithmAllowList.parse(new AuthSettings().getAlgorithms()));
        assertEquals(Set.of(JWSAlgorithm.RS256), AlgorithmAllowList.parse("RS256"));
        assertEquals(
                Set.of(JWSAlgorithm.RS256, JWSAlgorithm.PS256, JWSAlgorithm.ES256),
                AlgorithmAllowList.parse(" RS256, ps256 ,ES256,"));
    }

    @Test
    void theConfiguredOrderIsKept() {
        assertEquals(
                List.of(JWSAlgorithm.ES256, JWSAlgorithm.RS256), List.copyOf(AlgorithmAllowList.parse("ES256,RS256")));
    }

    @Test
    void theSupportedAlgorithmsAreTheAsymmetricOnesTheJdkVerifies() {
        assertEquals(
                List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EDDSA"),
                List.copyOf(AlgorithmAllowList.SUPPORTED.keySet()));
    }

    @Test
    void eddsaIsAcceptedInAnyCase() {
        assertEquals(
                List.of(JWSAlgorithm.EdDSA, JWSAlgorithm.RS256), List.copyOf(AlgorithmAllowList.parse("EdDSA,rs256")));
        assertEquals(Set.of(JWSAlgorithm.EdDSA), AlgorithmAllowList.parse("eddsa"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "none | AUTH_ALGORITHMS may not contain none",
                "RS256,HS256 | AUTH_ALGORITHMS may not contain HS256: HMAC",
                "RS257 | AUTH_ALGORITHMS contains unsupported algorithm 'RS257'",
                "Ed448 | AUTH_ALGORITHMS contains unsupported algorithm 'Ed448'",
                "' , ' | AUTH_ALGORITHMS must name at least one algorithm",
            })
    void badAlgorithmListsStopStartup(String value, String expectedStart) {
        var e = assertThrows(InvalidAuthConfigurationException.class, () -> AlgorithmAllowList.parse(value));
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @Test
    void anUnsupportedNameIsAnsweredWithTheSupportedList() {
        var e = assertThrows(InvalidAuthConfigurationException.class, () -> AlgorithmAllowList.parse("RS257"));
        assertEquals(
                "AUTH_ALGORITHMS contains unsupported algorithm 'RS257': use a comma-separated list of "
                        + "RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA.",
                e.getMessage());
    }
}
