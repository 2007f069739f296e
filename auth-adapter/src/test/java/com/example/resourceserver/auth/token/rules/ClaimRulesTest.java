package com.example.resourceserver.auth.token.rules;

import static com.example.resourceserver.auth.token.rules.Claims.builder;
import static com.example.resourceserver.auth.token.rules.Claims.of;
import static com.example.resourceserver.auth.token.rules.Claims.secondsFromNow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each claim rule on its own, at the edges of its leeway. */
class ClaimRulesTest {

    static final Duration LEEWAY = Duration.ofSeconds(60);

    @Nested
    class NotExpiredRule {
        final NotExpired rule = new NotExpired(LEEWAY);

        @Test
        void requiresExp() {
            assertEquals(Optional.of(Reason.MISSING_CLAIM), rule.check(of(builder())));
        }

        @Test
        void acceptsUntilTheLeewayHasPassed() {
            assertEquals(Optional.empty(), rule.check(of(builder().expirationTime(secondsFromNow(10)))));
            assertEquals(Optional.empty(), rule.check(of(builder().expirationTime(secondsFromNow(-59)))));
            assertEquals(Optional.of(Reason.EXPIRED), rule.check(of(builder().expirationTime(secondsFromNow(-60)))));
        }
    }

    @Nested
    class NotBeforeRule {
        final NotBefore rule = new NotBefore(LEEWAY);

        @Test
        void absentNbfPasses() {
            assertEquals(Optional.empty(), rule.check(of(builder())));
        }

        @Test
        void refusesBeyondTheLeeway() {
            assertEquals(Optional.empty(), rule.check(of(builder().notBeforeTime(secondsFromNow(60)))));
            assertEquals(
                    Optional.of(Reason.NOT_YET_VALID), rule.check(of(builder().notBeforeTime(secondsFromNow(61)))));
        }
    }

    @Nested
    class NotIssuedInFutureRule {
        final NotIssuedInFuture rule = new NotIssuedInFuture(LEEWAY);

        @Test
        void absentOrPastIatPasses() {
            assertEquals(Optional.empty(), rule.check(of(builder())));
            assertEquals(Optional.empty(), rule.check(of(builder().issueTime(secondsFromNow(-3600)))));
        }

        @Test
        void refusesBeyondTheLeeway() {
            assertEquals(Optional.empty(), rule.check(of(builder().issueTime(secondsFromNow(60)))));
            assertEquals(
                    Optional.of(Reason.ISSUED_IN_FUTURE),
                    rule.check(of(builder().issueTime(secondsFromNow(61)))));
        }
    }

    @Nested
    class AudienceIncludesApiRule {
        final AudienceIncludesApi rule = new AudienceIncludesApi();

        @Test
        void requiresAud() {
            assertEquals(Optional.of(Reason.MISSING_CLAIM), rule.check(of(builder())));
        }

        @Test
        void acceptsTheApiAloneOrAmongOthers() {
            assertEquals(Optional.empty(), rule.check(of(builder().audience(Claims.AUDIENCE))));
            assertEquals(Optional.empty(), rule.check(of(builder().audience(List.of("other", Claims.AUDIENCE)))));
        }

        @Test
        void comparesExactly() {
            assertEquals(
                    Optional.of(Reason.WRONG_AUDIENCE), rule.check(of(builder().audience("https://api.example"))));
            assertEquals(
                    Optional.of(Reason.WRONG_AUDIENCE), rule.check(of(builder().audience("HTTPS://API.EXAMPLE/"))));
        }
    }
}
