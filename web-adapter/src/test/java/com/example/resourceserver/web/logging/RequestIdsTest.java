package com.example.resourceserver.web.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTest {

    static final String RANDOM = "[0-9a-f]{32}";

    @ParameterizedTest
    @ValueSource(strings = {"trace-42.a_b:c", "a", "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdef"})
    void aWellFormedIdFromTheCallerIsKept(String id) {
        assertEquals(id, RequestIds.accept(id));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "bad id",
                "quote\"",
                "new\nline",
                "tab\t",
                "slash/",
                "semi;colon",
                "caf\u00e9",
                "0123456789abcdef0123456789ABCDEF0123456789abcdef0123456789abcdefX"
            })
    void anythingElseIsReplacedByARandomId(String id) {
        String accepted = RequestIds.accept(id);
        assertNotEquals(id, accepted);
        assertTrue(accepted.matches(RANDOM), accepted);
    }

    @Test
    void noIdGetsARandomOne() {
        assertTrue(RequestIds.accept(null).matches(RANDOM));
    }

    @Test
    void randomIdsAreAlways32HexDigitsAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RequestIds.random();
            assertTrue(id.matches(RANDOM), id);
            assertTrue(seen.add(id), "repeated: " + id);
        }
    }
}
