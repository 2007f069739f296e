package com.example.resourceserver.archfixture.domain;

import io.micronaut.core.annotation.Nullable;

/** Violation: a framework annotation is enough to tie the domain to the framework. */
public class DomainAnnotatedByFramework {

    public String name(@Nullable String fallback) {
        return fallback;
    }
}
