package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LeewayTest {

    @ParameterizedTest
    @CsvSource({"60s, 60", "60, 60", "0s, 0", "2m, 120", "1500ms, 1", "PT30S, 30", "5m, 300"})
    void leewayAcceptsCommonDurationForms(String value, long seconds) {
        assertEquals(seconds, Leeway.parse(value).toSeconds());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-5s", "6m", "1h", "10x", "PT-1S"})
    void leewayOutOfRangeOrUnreadableStopsStartup(String value) {
        var e = assertThrows(InvalidAuthConfigurationException.class, () -> Leeway.parse(value));
        assertEquals("AUTH_LEEWAY must be a duration from 0s to 5m, such as 60s.", e.getMessage());
    }
}
