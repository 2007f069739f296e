package com.example.resourceserver.auth.token.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.resourceserver.auth.config.VerificationPolicy;
import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order is part of the contract: the first refusing rule names the reason a client sees. */
class TokenRulesTest {

    final VerificationPolicy policy = new VerificationPolicy(
            Set.of(JWSAlgorithm.RS256), Duration.ofSeconds(60), VerificationPolicy.DEFAULT_TYPES, false, 16 * 1024);

    @Test
    void headerRulesRunInTheirDocumentedOrder() {
        assertEquals(
                List.of(AllowedAlgorithm.class, NoCriticalParameters.class, EncodedPayload.class, AllowedType.class),
                TokenRules.headerRules(policy).stream().map(Object::getClass).toList());
    }

    @Test
    void claimRulesRunInTheirDocumentedOrder() {
        assertEquals(
                List.of(NotExpired.class, NotBefore.class, NotIssuedInFuture.class, AudienceIncludesApi.class),
                TokenRules.claimRules(policy).stream().map(Object::getClass).toList());
    }

    @Test
    void timeRulesComeBeforeAnyProfilesRules() {
        assertEquals(
                List.of(NotExpired.class, NotBefore.class, NotIssuedInFuture.class),
                TokenRules.timeRules(policy).stream().map(Object::getClass).toList());
    }
}
