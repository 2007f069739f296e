package com.example.resourceserver.auth.token;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompactJwsTest {

    @Test
    void threeBase64UrlSegments() {
        assertTrue(CompactJws.isWellFormed("eyJh.eyJi.c2ln", 100));
        assertTrue(CompactJws.isWellFormed("ab-_.AZaz09.xy", 100));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "abcd",
                "abcd.efgh",
                "abcd.efgh.ijkl.mnop",
                "abcd.efgh.ijkl.mnop.qrst",
                ".efgh.ijkl",
                "abcd..ijkl",
                "abcd.efgh.",
                "abcd.efgh.ij=",
                "abcd.efgh.ij+l",
                "abcd.efgh.ij/l",
                "abcd.ef gh.ijkl",
                "abcd.efgh.ijk\u00e9",
                "abcd.efgh.ij\nk",
                "abcd.efgh.a",
                "abcde.efgh.ijkl"
            })
    void rejectsEverythingElse(String token) {
        assertFalse(CompactJws.isWellFormed(token, 100), token);
    }

    @Test
    void rejectsTooLong() {
        assertFalse(CompactJws.isWellFormed("abcd.efgh.ijkl", 13));
        assertTrue(CompactJws.isWellFormed("abcd.efgh.ijkl", 14));
    }
}
