package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.http.BoundedFetcher;
import com.example.resourceserver.auth.http.IssuerMetadata;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.URI;
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
 * up front, while ours finds it through the issuer's metadata on first use so the service can start while the
 * issuer is down, (b) fails the whole set when one JWK is malformed (see {@link SigningKeySetParser}) and
 * (c) follows redirects to any host. It also records each attempt in {@link KeySetStatus} and tells the
 * {@link KeyFetchObserver}.
 */
final class IssuerJwkSetSource implements JWKSetSource<SecurityContext> {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerJwkSetSource.class);

    private final TrustedIssuer issuer;
    private final BoundedFetcher http;
    private final IssuerMetadata metadata;
    private final SigningKeySetParser parser;
    private final KeySetStatus status;
    private final Clock clock;
    private final KeyFetchObserver observer;
    private volatile List<String> lastKids = List.of();

    IssuerJwkSetSource(
            TrustedIssuer issuer,
            BoundedFetcher http,
            IssuerMetadata metadata,
            KeySetStatus status,
            Clock clock,
            KeyFetchObserver observer) {
        this.issuer = issuer;
        this.http = http;
        this.metadata = metadata;
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
        URI uri;
        try {
            uri = jwksUri();
        } catch (BoundedFetcher.Failure e) {
            fail("discovery failed: " + e.getMessage());
            throw new JWKSetRetrievalException("Discovery failed for issuer " + issuer.name(), null);
        }
        String content;
        try {
            content = http.get(uri, "application/jwk-set+json, application/json");
        } catch (BoundedFetcher.Failure e) {
            metadata.forget(); // the issuer may have moved its keys; discover again next time
            fail("fetching " + uri + " failed: " + e.getMessage());
            throw new JWKSetRetrievalException("Could not fetch the key set of issuer " + issuer.name(), null);
        }
        SigningKeySetParser.Parsed parsed = parser.parse(content);
        if (parsed == null) {
            fail("the key set at " + uri + " is not a JWK set");
            throw new JWKSetParseException("The key set of issuer " + issuer.name() + " is not a JWK set", null);
        }
        boolean recovered = status.lastAttemptFailed();
        status.recordSuccess(clock.instant(), parsed.keys().size());
        announce(parsed, uri, recovered);
        return parsed.keys();
    }

    /** One line per change of the key set or recovery, not one per routine refresh; unusable keys at WARN. */
    private void announce(SigningKeySetParser.Parsed parsed, URI uri, boolean recovered) {
        List<String> kids = parsed.keys().getKeys().stream()
                .map(k -> String.valueOf(k.getKeyID()))
                .sorted()
                .toList();
        if (recovered || !kids.equals(lastKids)) {
            LOG.info(
                    "Keys of issuer '{}' loaded from {}: {} signing key(s) {}{}",
                    issuer.name(),
                    uri,
                    kids.size(),
                    kids,
                    recovered ? " (recovered)" : "");
            for (String unusable : parsed.unusable()) {
                // Tokens signed with such a key are refused: say why once per key set, where operators look.
                LOG.warn("Issuer '{}': {}", issuer.name(), unusable);
            }
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

    private URI jwksUri() throws BoundedFetcher.Failure {
        JwksLocation location = issuer.jwks();
        if (location instanceof JwksLocation.Fixed fixed) {
            return fixed.uri();
        }
        if (location instanceof JwksLocation.Deferred deferred) {
            return deferred.uri().get();
        }
        return metadata.url("jwks_uri");
    }

    @Override
    public void close() {
        // Nothing held open here: the fetcher's connections belong to the issuer.
    }
}
