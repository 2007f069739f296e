package com.example.resourceserver.archfixture.auth.token;

import io.micronaut.core.annotation.Nullable;

/** Violation: a Micronaut annotation in the token layer, which is to be testable without a context. */
public class TokenAnnotatedByFramework {

    public String audience(@Nullable String fallback) {
        return fallback;
    }
}
