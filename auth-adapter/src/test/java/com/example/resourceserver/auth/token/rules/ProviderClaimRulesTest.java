package com.example.resourceserver.auth.token.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The claim rules provider profiles add: which kind of token, which client. */
class ProviderClaimRulesTest {

    private static final Optional<Reason> PASSES = Optional.empty();

    @Test
    void claimEqualsWantsExactlyTheValue() {
        ClaimEquals tokenUse = new ClaimEquals("token_use", "access");
        assertEquals(PASSES, tokenUse.check(Claims.of(Claims.builder().claim("token_use", "access"))));
        assertEquals(
                Optional.of(Reason.INVALID_CLAIM),
                tokenUse.check(Claims.of(Claims.builder().claim("token_use", "id"))));
        assertEquals(
                Optional.of(Reason.INVALID_CLAIM),
                tokenUse.check(Claims.of(Claims.builder().claim("token_use", List.of("access")))));
        assertEquals(Optional.of(Reason.MISSING_CLAIM), tokenUse.check(Claims.of(Claims.builder())));
    }

    @Test
    void namesClientWantsOneOfItsClaimsAsANonBlankString() {
        NamesClient client = new NamesClient(List.of("azp", "appid"));
        assertEquals(PASSES, client.check(Claims.of(Claims.builder().claim("azp", "c"))));
        assertEquals(PASSES, client.check(Claims.of(Claims.builder().claim("appid", "c"))));
        assertEquals(
                Optional.of(Reason.MISSING_CLAIM),
                client.check(Claims.of(Claims.builder().claim("azp", " "))));
        assertEquals(
                Optional.of(Reason.MISSING_CLAIM),
                client.check(Claims.of(Claims.builder().claim("azp", 7))));
        assertEquals(
                Optional.of(Reason.MISSING_CLAIM),
                client.check(Claims.of(Claims.builder().claim("cid", "c"))));
    }

    @Test
    void idTokenClaimsRefuseTheToken() {
        NoIdTokenClaims rule = new NoIdTokenClaims();
        assertEquals(PASSES, rule.check(Claims.of(Claims.builder().claim("scope", "read:messages"))));
        for (String claim : List.of("nonce", "at_hash", "c_hash")) {
            assertEquals(
                    Optional.of(Reason.INVALID_CLAIM),
                    rule.check(Claims.of(Claims.builder().claim(claim, "x"))),
                    claim);
        }
    }

    @Test
    void clientAllowedComparesExactly() {
        ClientAllowed rule = new ClientAllowed("client_id", Set.of("1example23456789"));
        assertEquals(PASSES, rule.check(Claims.of(Claims.builder().claim("client_id", "1example23456789"))));
        assertEquals(
                Optional.of(Reason.WRONG_AUDIENCE),
                rule.check(Claims.of(Claims.builder().claim("client_id", "1EXAMPLE23456789"))));
        assertEquals(
                Optional.of(Reason.MISSING_CLAIM),
                rule.check(Claims.of(Claims.builder().claim("aud", "1example23456789"))));
        assertThrows(IllegalArgumentException.class, () -> new ClientAllowed("client_id", Set.of()));
    }
}
