package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.config.TrustedIssuer;
import java.time.Duration;
import java.util.List;

/** Told about every attempt to fetch an issuer's keys (discovery included), e.g. for metrics and client spans. */
@FunctionalInterface
public interface KeyFetchObserver {

    KeyFetchObserver NONE = (issuer, succeeded, took) -> {};

    /** Once per attempt, after it ends, on the thread that made it. */
    void fetched(TrustedIssuer issuer, boolean succeeded, Duration took);

    /** One observer that tells each of these. */
    static KeyFetchObserver allOf(List<KeyFetchObserver> observers) {
        List<KeyFetchObserver> all = List.copyOf(observers);
        return (issuer, succeeded, took) -> all.forEach(o -> o.fetched(issuer, succeeded, took));
    }
}
