package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bottom layer of an issuer's key source: one fetch of its JWKS, nothing cached here (Nimbus's
 * layers above cache, rate-limit and ride out outages).
 *
 * <p>Our own code instead of Nimbus's {@code URLBasedJWKSetSource} because that one (a) needs the URL
 * up front, while ours finds it by discovery on first use so the service can start while the issuer
 * is down, and (b) fails the whole set when one JWK is malformed (see {@link SigningKeySetParser}).
 * It also records each attempt in {@link KeySetStatus} and tells the {@link KeyFetchObserver}.
 */
final class IssuerJwkSetSource implements JWKSetSource<SecurityContext> {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerJwkSetSource.class);

    private final TrustedIssuer issuer;
    private final ResourceRetriever retriever;
    private final IssuerMetadataDiscovery discovery;
    private final SigningKeySetParser parser;
    private final KeySetStatus status;
    private final Clock clock;
    private final KeyFetchObserver observer;
    private volatile URL discoveredJwksUrl;
    private volatile List<String> lastKids = List.of();

    IssuerJwkSetSource(
            TrustedIssuer issuer,
            ResourceRetriever retriever,
            boolean insecureHttpAllowed,
            KeySetStatus status,
            Clock clock,
            KeyFetchObserver observer) {
        this.issuer = issuer;
        this.retriever = retriever;
        this.discovery = new IssuerMetadataDiscovery(retriever, insecureHttpAllowed);
        this.parser = new SigningKeySetParser(issuer.name());
        this.status = status;
        this.clock = clock;
        this.observer = observer;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        long start = System.nanoTime();
        boolean succeeded = false;
        try {
            JWKSet keys = fetch();
            succeeded = true;
            return keys;
        } finally {
            observer.fetched(issuer, succeeded, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private JWKSet fetch() throws KeySourceException {
        URL url;
        try {
            url = jwksUrl();
        } catch (IOException | KeySourceException e) {
            fail("discovery failed: " + e.getMessage());
            throw new JWKSetRetrievalException("Discovery failed for issuer " + issuer.name(), e);
        }
        String content;
        try {
            content = retriever.retrieveResource(url).getContent();
        } catch (IOException e) {
            discoveredJwksUrl = null; // the issuer may have moved its keys; discover again next time
            fail("fetching " + url + " failed: " + e.getMessage());
            throw new JWKSetRetrievalException("Could not fetch the key set of issuer " + issuer.name(), e);
        }
        JWKSet keys;
        try {
            keys = parser.parse(content);
        } catch (ParseException e) {
            fail("the key set at " + url + " is not a JWK set: " + e.getMessage());
            throw new JWKSetParseException("The key set of issuer " + issuer.name() + " is not a JWK set", e);
        }
        boolean recovered = status.lastAttemptFailed();
        status.recordSuccess(clock.instant(), keys.size());
        announce(keys, url, recovered);
        return keys;
    }

    /** One line per change of the key set or recovery, not one per routine refresh. */
    private void announce(JWKSet keys, URL url, boolean recovered) {
        List<String> kids = keys.getKeys().stream()
                .map(k -> String.valueOf(k.getKeyID()))
                .sorted()
                .toList();
        if (recovered || !kids.equals(lastKids)) {
            LOG.info(
                    "Keys of issuer '{}' loaded from {}: {} signing key(s) {}{}",
                    issuer.name(),
                    url,
                    kids.size(),
                    kids,
                    recovered ? " (recovered)" : "");
        } else {
            LOG.debug("Keys of issuer '{}' refreshed, unchanged", issuer.name());
        }
        lastKids = kids;
    }

    /**
     * One WARN line when an outage begins or its cause changes; repeats (retries during the outage) go to
     * DEBUG, so a long outage does not flood the log. The fetch metric counts every attempt.
     */
    private void fail(String reason) {
        boolean news = !status.lastAttemptFailed()
                || !reason.equals(status.lastFailureReason().orElse(null));
        status.recordFailure(clock.instant(), reason);
        if (news) {
            LOG.warn("Keys of issuer '{}' unavailable: {}", issuer.name(), reason);
        } else {
            LOG.debug("Keys of issuer '{}' still unavailable: {}", issuer.name(), reason);
        }
    }

    private URL jwksUrl() throws IOException, KeySourceException {
        JwksLocation location = issuer.jwks();
        if (location instanceof JwksLocation.Fixed fixed) {
            return fixed.uri().toURL();
        }
        if (location instanceof JwksLocation.Deferred deferred) {
            return deferred.uri().get().toURL();
        }
        URL known = discoveredJwksUrl;
        if (known == null) {
            known = discovery.jwksUrl(((JwksLocation.Discovered) location).issuer());
            discoveredJwksUrl = known;
        }
        return known;
    }

    @Override
    public void close() {
        // Nothing held open: every fetch opens and closes its own connection.
    }
}
