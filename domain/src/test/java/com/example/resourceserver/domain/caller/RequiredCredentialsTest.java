package com.example.resourceserver.domain.caller;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RequiredCredentialsTest {

    @Test
    void travelsUnderItsOwnNameNextToTheFailureAndTheCaller() {
        // Adapters carry all three alongside one request: one shared name would make one overwrite another.
        Set<String> names = new HashSet<>(List.of(
                RequiredCredentials.REQUEST_ATTRIBUTE, AuthenticationFailure.REQUEST_ATTRIBUTE, Caller.ATTRIBUTE));
        assertEquals(3, names.size());
    }
}
