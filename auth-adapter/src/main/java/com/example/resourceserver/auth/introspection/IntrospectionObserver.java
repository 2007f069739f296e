package com.example.resourceserver.auth.introspection;

import java.time.Duration;
import java.util.List;

/**
 * Told of every introspection call and cache lookup, for metrics and client spans; labels are fixed words and
 * issuer names. A call is reported once, after it ends, on the thread that made it.
 */
public interface IntrospectionObserver {

    IntrospectionObserver NONE = new IntrospectionObserver() {};

    /** One call to an endpoint: {@code outcome} is active, inactive, invalid_answer, timeout, redirect, ... */
    default void called(String issuer, String outcome, Duration took) {}

    /** One lookup in the introspection cache. */
    default void looked(boolean hit) {}

    /** One observer that tells each of these. */
    static IntrospectionObserver allOf(List<IntrospectionObserver> observers) {
        List<IntrospectionObserver> all = List.copyOf(observers);
        return new IntrospectionObserver() {
            @Override
            public void called(String issuer, String outcome, Duration took) {
                all.forEach(o -> o.called(issuer, outcome, took));
            }

            @Override
            public void looked(boolean hit) {
                all.forEach(o -> o.looked(hit));
            }
        };
    }
}
