package com.example.resourceserver.auth.config;

/** Settings typed by hand: a blank value counts as unset, and surrounding spaces are not part of it. */
final class Blank {

    private Blank() {}

    static String toNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
