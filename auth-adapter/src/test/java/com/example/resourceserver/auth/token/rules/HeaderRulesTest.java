package com.example.resourceserver.auth.token.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each header rule on its own: what it lets through and what it refuses, with which reason. */
class HeaderRulesTest {

    static JWSHeader.Builder rs256() {
        return new JWSHeader.Builder(JWSAlgorithm.RS256);
    }

    @Nested
    class AllowedAlgorithmRule {
        final AllowedAlgorithm rule = new AllowedAlgorithm(Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256));

        @Test
        void passesAlgorithmsOnTheList() {
            assertEquals(Optional.empty(), rule.check(rs256().build()));
            assertEquals(Optional.empty(), rule.check(new JWSHeader.Builder(JWSAlgorithm.ES256).build()));
        }

        @Test
        void refusesOthersIncludingHmac() {
            assertEquals(
                    Optional.of(Reason.DISALLOWED_ALGORITHM),
                    rule.check(new JWSHeader.Builder(JWSAlgorithm.PS256).build()));
            assertEquals(
                    Optional.of(Reason.DISALLOWED_ALGORITHM),
                    rule.check(new JWSHeader.Builder(JWSAlgorithm.HS256).build()));
        }
    }

    @Nested
    class NoCriticalParametersRule {
        final NoCriticalParameters rule = new NoCriticalParameters();

        @Test
        void passesHeadersWithoutCrit() {
            assertEquals(Optional.empty(), rule.check(rs256().build()));
        }

        @Test
        void refusesAnyCriticalParameter() {
            JWSHeader header =
                    rs256().customParam("exp", 1).criticalParams(Set.of("exp")).build();
            assertEquals(Optional.of(Reason.UNSUPPORTED_CRITICAL_HEADER), rule.check(header));
        }
    }

    @Nested
    class EncodedPayloadRule {
        final EncodedPayload rule = new EncodedPayload();

        @Test
        void passesOrdinaryJws() {
            assertEquals(Optional.empty(), rule.check(rs256().build()));
        }

        @Test
        void refusesUnencodedPayloads() {
            JWSHeader header = rs256().base64URLEncodePayload(false)
                    .criticalParams(Set.of("b64"))
                    .build();
            assertEquals(Optional.of(Reason.MALFORMED), rule.check(header));
        }
    }

    @Nested
    class AllowedTypeRule {
        final Set<JOSEObjectType> types = Set.of(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"));

        @Test
        void passesListedTypesCaseInsensitively() {
            AllowedType rule = new AllowedType(types, false);
            assertEquals(
                    Optional.empty(),
                    rule.check(rs256().type(JOSEObjectType.JWT).build()));
            assertEquals(
                    Optional.empty(),
                    rule.check(rs256().type(new JOSEObjectType("AT+JWT")).build()));
        }

        @Test
        void refusesOtherTypes() {
            AllowedType rule = new AllowedType(types, false);
            assertEquals(
                    Optional.of(Reason.DISALLOWED_TYPE),
                    rule.check(rs256().type(new JOSEObjectType("dpop+jwt")).build()));
        }

        @Test
        void aMissingTypePassesUnlessRequired() {
            assertEquals(Optional.empty(), new AllowedType(types, false).check(rs256().build()));
            assertEquals(Optional.of(Reason.DISALLOWED_TYPE), new AllowedType(types, true).check(rs256().build()));
        }
    }
}
