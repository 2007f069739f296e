package com.example.resourceserver.auth.issuer;

import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.config.IntrospectionSettings;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.http.BoundedFetcher;
import com.example.resourceserver.auth.http.IssuerMetadata;
import com.example.resourceserver.auth.introspection.IntrospectionClient;
import com.example.resourceserver.auth.introspection.IntrospectionObserver;
import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.keys.IssuerKeys;
import com.example.resourceserver.auth.keys.KeyFetchObserver;
import com.example.resourceserver.auth.token.rules.TokenRules;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Every trusted issuer, each resolved once into its {@link Issuer}, and the one lookup a request makes: by the
 * exact {@code iss} of its token, or, for an opaque token (which names no issuer), the first issuer in
 * configuration order that introspects.
 *
 * <p>It owns what the issuers share: the HTTP fetcher for metadata and keys, the one for introspection, and the
 * thread that schedules the key sets' refresh-ahead (Nimbus needs a {@link ScheduledExecutorService}; the
 * refreshes themselves run on the given executor).
 */
public final class Issuers implements Closeable {

    private final List<Issuer> all;
    private final Map<String, Issuer> byIss;
    private final Issuer opaqueIntrospector;
    private final ScheduledExecutorService scheduler;

    private Issuers(List<Issuer> all, ScheduledExecutorService scheduler) {
        this.all = List.copyOf(all);
        Map<String, Issuer> map = new HashMap<>();
        for (Issuer issuer : all) {
            map.put(issuer.definition().issuer(), issuer);
        }
        this.byIss = Map.copyOf(map);
        this.opaqueIntrospector = all.stream()
                .filter(issuer -> issuer.introspection().isPresent())
                .findFirst()
                .orElse(null);
        this.scheduler = scheduler;
    }

    /**
     * Builds every issuer of the configuration; nothing is fetched yet (keys load in the background, see
     * {@link IssuerKeys#warmUp()}).
     *
     * @param refreshExecutor where key fetches and refreshes run (never an event loop)
     */
    public static Issuers start(
            AuthConfiguration configuration,
            JwsReader reader,
            Clock clock,
            ExecutorService refreshExecutor,
            KeyFetchObserver observer,
            IntrospectionObserver introspectionObserver) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "jwks-refresh-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        BoundedFetcher keysHttp = new BoundedFetcher(
                "keys",
                configuration.jwks().getFetchTimeout(),
                configuration.jwks().getSizeLimitBytes());
        IntrospectionSettings introspection = configuration.introspection();
        BoundedFetcher introspectionHttp = configuration.issuers().stream()
                        .anyMatch(issuer -> issuer.introspection().isPresent())
                ? new BoundedFetcher("introspection", introspection.getTimeout(), introspection.getMaxResponseBytes())
                : null;
        List<Issuer> issuers = new ArrayList<>();
        for (TrustedIssuer definition : configuration.issuers()) {
            IssuerMetadata metadata =
                    new IssuerMetadata(definition.issuer(), keysHttp, configuration.insecureHttpAllowed());
            IssuerKeys keys = new IssuerKeys(
                    definition, configuration.jwks(), keysHttp, metadata, clock, refreshExecutor, scheduler, observer);
            IntrospectionClient client = definition
                    .introspection()
                    .map(target -> new IntrospectionClient(
                            target,
                            definition.issuer(),
                            definition.audience(),
                            introspectionHttp,
                            metadata,
                            keys,
                            reader,
                            configuration.policy().algorithms(),
                            clock,
                            configuration.policy().leeway()))
                    .orElse(null);
            issuers.add(new Issuer(
                    definition,
                    keys,
                    TokenRules.timeRules(configuration.policy()),
                    client,
                    introspectionObserver,
                    clock,
                    introspection.getTimeout()));
        }
        return new Issuers(issuers, scheduler);
    }

    /** The issuer whose {@code iss} is exactly this value, or null when it is not trusted. */
    public Issuer byIss(String iss) {
        return byIss.get(iss);
    }

    /** The issuer that vouches for opaque tokens (the first with an introspection endpoint), or null. */
    public Issuer opaqueIntrospector() {
        return opaqueIntrospector;
    }

    /** Every issuer, in configuration order. */
    public List<Issuer> all() {
        return all;
    }

    @Override
    public void close() throws IOException {
        try {
            for (Issuer issuer : all) {
                issuer.close();
            }
        } finally {
            scheduler.shutdownNow();
        }
    }
}
