package com.example.resourceserver.domain.caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthenticationFailureTest {

    @Test
    void everyDescriptionIsSafeInAQuotedHeaderValue() {
        for (AuthenticationFailure.Reason reason : AuthenticationFailure.Reason.values()) {
            String description = reason.description();
            assertFalse(description.isBlank(), reason.name());
            for (char c : description.toCharArray()) {
                // RFC 6750 §3: error_description uses %x20-21 / %x23-5B / %x5D-7E only
                boolean allowed = c == 0x20 || c == 0x21 || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
                assertTrue(allowed, reason + " has a character not allowed in error_description: " + c);
            }
        }
    }

    @Test
    void kindFollowsTheReason() {
        assertEquals(
                AuthenticationFailure.Kind.INVALID_REQUEST,
                AuthenticationFailure.of(AuthenticationFailure.Reason.MULTIPLE_AUTHORIZATION_HEADERS)
                        .kind());
        assertEquals(
                AuthenticationFailure.Kind.INVALID_TOKEN,
                AuthenticationFailure.of(AuthenticationFailure.Reason.EXPIRED).kind());
        AuthenticationFailure unavailable = AuthenticationFailure.keysUnavailable(Duration.ofSeconds(30));
        assertEquals(AuthenticationFailure.Kind.KEYS_UNAVAILABLE, unavailable.kind());
        assertEquals(Duration.ofSeconds(30), unavailable.retryAfter());
        assertEquals(
                Duration.ZERO,
                AuthenticationFailure.of(AuthenticationFailure.Reason.EXPIRED).retryAfter());
    }

    @Test
    void retryAfterCannotBeNegative() {
        assertThrows(
                IllegalArgumentException.class, () -> AuthenticationFailure.keysUnavailable(Duration.ofSeconds(-1)));
    }
}
