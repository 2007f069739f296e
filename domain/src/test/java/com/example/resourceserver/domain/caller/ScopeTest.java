package com.example.resourceserver.domain.caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {

    @ParameterizedTest
    @ValueSource(strings = {"read:messages", "a", "!", "~", "https://api.example.com/read", "[x]"})
    void acceptsScopeTokens(String value) {
        assertEquals(value, Scope.of(value).value());
        assertTrue(Scope.isValid(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "read messages", "say\"hi", "back\\slash", "tab\t", "é", "\u0000", "\u007f"})
    void rejectsWhatIsNotAScopeToken(String value) {
        assertThrows(IllegalArgumentException.class, () -> Scope.of(value));
        assertFalse(Scope.isValid(value));
    }

    @Test
    void rejectsNull() {
        assertThrows(IllegalArgumentException.class, () -> Scope.of(null));
        assertFalse(Scope.isValid(null));
    }

    @Test
    void comparesExactlyAndCaseSensitively() {
        assertEquals(Scope.of("read:messages"), Scope.of("read:messages"));
        assertNotEquals(Scope.of("read:messages"), Scope.of("Read:Messages"));
        assertNotEquals(Scope.of("read:messages"), Scope.of("read:message"));
        assertEquals("read:messages", Scope.of("read:messages").toString());
    }
}
