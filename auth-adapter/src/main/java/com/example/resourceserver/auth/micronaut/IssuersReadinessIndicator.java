package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.issuer.Issuer;
import com.example.resourceserver.auth.issuer.Issuers;
import com.example.resourceserver.auth.keys.KeySetStatus;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Readiness: DOWN until every trusted issuer's keys have been loaded once, then UP, also through a
 * later outage (cached keys keep verifying for the stale period; the details show it). It is not a
 * liveness indicator on purpose: restarting the service would not bring an identity provider back.
 *
 * <p>Details per issuer (visible only where {@code endpoints.health.details-visible} allows): whether
 * keys were loaded, whether the last refresh succeeded, the age of the keys and how many there are.
 * No URLs, audiences or failure texts: nothing a caller could use.
 */
@Singleton
@Readiness
public class IssuersReadinessIndicator implements HealthIndicator {

    static final String NAME = "issuers";

    private final Issuers issuers;
    private final Clock clock;

    public IssuersReadinessIndicator(Issuers issuers, Clock clock) {
        this.issuers = issuers;
        this.clock = clock;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        boolean allLoaded = true;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Issuer each : issuers.all()) {
            KeySetStatus status = each.keys().status();
            Map<String, Object> issuer = new LinkedHashMap<>();
            boolean loaded = status.lastSuccess().isPresent();
            allLoaded &= loaded;
            issuer.put("keysLoaded", loaded);
            issuer.put("lastRefreshSucceeded", loaded && !status.lastAttemptFailed());
            status.lastSuccess()
                    .ifPresent(at -> issuer.put(
                            "keyAgeSeconds",
                            Duration.between(at, clock.instant()).toSeconds()));
            issuer.put("keyCount", status.keyCount());
            details.put(each.name(), issuer);
        }
        return Mono.just(HealthResult.builder(NAME, allLoaded ? HealthStatus.UP : HealthStatus.DOWN)
                .details(details)
                .build());
    }
}
