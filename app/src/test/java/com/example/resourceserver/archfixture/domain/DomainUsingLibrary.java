package com.example.resourceserver.archfixture.domain;

import io.micronaut.core.util.StringUtils;

/** Violation: the domain calls a framework utility. */
public class DomainUsingLibrary {

    public boolean blank(String value) {
        return StringUtils.isEmpty(value);
    }
}
