package com.example.resourceserver.web.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessLineTest {

    @Test
    void everyFieldInOneFlatJsonObject() {
        assertEquals(
                "{\"timestamp\":1733050000123,\"level\":\"INFO\",\"loggerName\":\"access\",\"request_id\":\"trace-1\","
                        + "\"method\":\"GET\",\"route\":\"/api/private\",\"status\":401,\"duration_ms\":12.345,"
                        + "\"auth\":\"invalid_token\",\"auth_reason\":\"expired\"}",
                AccessLine.of(
                        1733050000123L,
                        "trace-1",
                        null,
                        "GET",
                        "/api/private",
                        401,
                        12_345_678L,
                        "invalid_token",
                        "expired"));
    }

    @Test
    void theTraceIdFollowsTheRequestIdWhenThereIsOne() {
        assertEquals(
                "{\"timestamp\":1,\"level\":\"INFO\",\"loggerName\":\"access\",\"request_id\":\"r\","
                        + "\"trace_id\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"method\":\"GET\",\"route\":\"/\","
                        + "\"status\":200,\"duration_ms\":0.001,\"auth\":\"not_required\",\"auth_reason\":\"none\"}",
                AccessLine.of(
                        1, "r", "4bf92f3577b34da6a3ce929d0e0e4736", "GET", "/", 200, 1_000, "not_required", "none"));
    }

    @Test
    void durationsKeepTheirLeadingZerosAndNeverGoNegative() {
        assertEquals("0.007", AccessLine.millis(new StringBuilder(), 7_999).toString());
        assertEquals("3.050", AccessLine.millis(new StringBuilder(), 3_050_000).toString());
        assertEquals("0.000", AccessLine.millis(new StringBuilder(), -5).toString());
    }

    @Test
    void stringsAreEscapedSoNoValueCanEndTheObject() {
        assertEquals(
                "\"a\\\"b\\\\c\\u000a\\u001f\"",
                AccessLine.string(new StringBuilder(), "a\"b\\c\n\u001f").toString());
    }

    @Test
    void theReusedBuilderLeavesNothingFromTheLineBefore() {
        AccessLine.of(
                1,
                "a-much-longer-request-id-than-the-next",
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "DELETE",
                "/api/private-scoped",
                503,
                1,
                "x",
                "y");
        assertEquals(
                "{\"timestamp\":2,\"level\":\"INFO\",\"loggerName\":\"access\",\"request_id\":\"r\",\"method\":\"GET\","
                        + "\"route\":\"/\",\"status\":200,\"duration_ms\":0.000,\"auth\":\"a\",\"auth_reason\":\"b\"}",
                AccessLine.of(2, "r", null, "GET", "/", 200, 0, "a", "b"));
    }
}
