package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.config.JwksSettings;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.http.BoundedFetcher;
import com.example.resourceserver.auth.http.IssuerMetadata;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/** One issuer's key set as {@code Issuers} builds it: its own fetcher and metadata, with these settings. */
final class TestKeySets {

    private TestKeySets() {}

    static IssuerKeys create(
            TrustedIssuer issuer,
            JwksSettings settings,
            boolean insecureHttpAllowed,
            Clock clock,
            ExecutorService executor,
            ScheduledExecutorService scheduler,
            KeyFetchObserver observer) {
        BoundedFetcher http = new BoundedFetcher("keys", settings.getFetchTimeout(), settings.getSizeLimitBytes());
        return new IssuerKeys(
                issuer,
                settings,
                http,
                new IssuerMetadata(issuer.issuer(), http, insecureHttpAllowed),
                clock,
                executor,
                scheduler,
                observer);
    }
}
