package com.example.resourceserver.auth.introspection;

import java.time.Duration;

/** Told of every introspection call and cache lookup, for metrics; labels are fixed words and issuer names. */
public interface IntrospectionObserver {

    IntrospectionObserver NONE = new IntrospectionObserver() {};

    /** One call to an endpoint: {@code outcome} is active, inactive, invalid_answer, timeout, redirect, ... */
    default void called(String issuer, String outcome, Duration took) {}

    /** One lookup in the introspection cache. */
    default void looked(boolean hit) {}
}
