package com.example.resourceserver.app;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock every component reads (token times, key freshness, cache lifetimes, readiness), so that
 * tests can replace it with {@code @Replaces} in one place.
 */
@Factory
class ClockBeans {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
