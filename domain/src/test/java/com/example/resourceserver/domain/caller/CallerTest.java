package com.example.resourceserver.domain.caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerTest {

    @Test
    void knowsItsGrants() {
        Caller caller = new Caller("user-1", Set.of(Scope.of("read:messages")));
        assertTrue(caller.isGranted(Scope.of("read:messages")));
        assertFalse(caller.isGranted(Scope.of("write:messages")));
    }

    @Test
    void needsASubject() {
        assertThrows(IllegalArgumentException.class, () -> new Caller(" ", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> new Caller(null, Set.of()));
    }

    @Test
    void grantsCannotChangeAfterwards() {
        Set<Scope> grants = new HashSet<>(Set.of(Scope.of("a")));
        Caller caller = new Caller("user-1", grants);
        grants.add(Scope.of("b"));
        assertEquals(Set.of(Scope.of("a")), caller.grantedScopes());
        assertThrows(
                UnsupportedOperationException.class,
                () -> caller.grantedScopes().add(Scope.of("c")));
    }
}
