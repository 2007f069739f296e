package com.example.resourceserver.auth.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.resourceserver.auth.testing.TestKeys;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfirmationClaimTest {

    @Test
    void readsTheThumbprintAsNimbusWritesIt() throws JOSEException {
        JWKThumbprintConfirmation cnf = JWKThumbprintConfirmation.of(TestKeys.ec("k"));
        Map<String, Object> claims = new JWTClaimsSet.Builder()
                .claim("sub", "alice")
                .claim(cnf.toJWTClaim().getKey(), cnf.toJWTClaim().getValue())
                .build()
                .toJSONObject();
        assertEquals(Optional.of(cnf.getValue().toString()), ConfirmationClaim.boundThumbprint(claims));
        assertEquals(true, ConfirmationClaim.declaresDpopBinding(claims));
    }

    @Test
    void aTokenWithoutJktIsNotBound() {
        for (Map<String, Object> claims : List.<Map<String, Object>>of(
                Map.of(), Map.of("cnf", Map.of("x5t#S256", "abc")), Map.of("cnf", "jkt"))) {
            assertEquals(Optional.empty(), ConfirmationClaim.boundThumbprint(claims));
            assertEquals(false, ConfirmationClaim.declaresDpopBinding(claims));
        }
    }

    @Test
    void aMalformedJktBindsNothingYetStillMarksTheTokenAsDpopBound() {
        String valid = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";
        for (Object jkt : List.of(42, "", valid + "=", valid.substring(1), valid.replace('-', '+'))) {
            Map<String, Object> claims = Map.of("cnf", Map.of("jkt", jkt));
            assertEquals(Optional.empty(), ConfirmationClaim.boundThumbprint(claims), String.valueOf(jkt));
            assertEquals(true, ConfirmationClaim.declaresDpopBinding(claims));
        }
        assertEquals(Optional.of(valid), ConfirmationClaim.boundThumbprint(Map.of("cnf", Map.of("jkt", valid))));
    }
}
