package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.config.TrustedIssuer;
import java.time.Duration;

/** Told about every attempt to fetch an issuer's keys (discovery included), e.g. for metrics. */
@FunctionalInterface
public interface KeyFetchObserver {

    KeyFetchObserver NONE = (issuer, succeeded, took) -> {};

    void fetched(TrustedIssuer issuer, boolean succeeded, Duration took);
}
