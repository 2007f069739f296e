package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.config.UrlRules;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bottom layer of an issuer's key source: one fetch of its JWKS, nothing cached here (Nimbus's
 * layers above cache, rate-limit and ride out outages).
 *
 * <p>Our own code instead of Nimbus's {@code URLBasedJWKSetSource} because that one (a) needs the URL
 * up front, while ours finds it by discovery on first use so the service can start while the issuer
 * is down, and (b) fails the whole set when one JWK is malformed, while the contract says malformed
 * and unknown keys are skipped. It also records each attempt in {@link KeySetStatus}.
 */
final class IssuerJwkSetSource implements JWKSetSource<SecurityContext> {

    private static final Logger LOG = LoggerFactory.getLogger(IssuerJwkSetSource.class);
    static final int MIN_RSA_KEY_BITS = 2048;

    private final TrustedIssuer issuer;
    private final ResourceRetriever retriever;
    private final boolean insecureHttpAllowed;
    private final KeySetStatus status;
    private final Clock clock;
    private final KeyFetchObserver observer;
    private volatile URL discoveredJwksUrl;
    private volatile List<String> lastKids = List.of();

    IssuerJwkSetSource(TrustedIssuer issuer, ResourceRetriever retriever, boolean insecureHttpAllowed,
                       KeySetStatus status, Clock clock, KeyFetchObserver observer) {
        this.issuer = issuer;
        this.retriever = retriever;
        this.insecureHttpAllowed = insecureHttpAllowed;
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
            keys = parseLeniently(content);
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
        List<String> kids = keys.getKeys().stream().map(k -> String.valueOf(k.getKeyID())).sorted().toList();
        if (recovered || !kids.equals(lastKids)) {
            LOG.info("Keys of issuer '{}' loaded from {}: {} signing key(s) {}{}", issuer.name(), url, kids.size(), kids,
                    recovered ? " (recovered)" : "");
        } else {
            LOG.debug("Keys of issuer '{}' refreshed, unchanged", issuer.name());
        }
        lastKids = kids;
    }

    private void fail(String reason) {
        status.recordFailure(clock.instant(), reason);
        LOG.warn("Keys of issuer '{}' unavailable: {}", issuer.name(), reason);
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
            known = discover(((JwksLocation.Discovered) location).issuer());
            discoveredJwksUrl = known;
        }
        return known;
    }

    /** OpenID Connect Discovery 1.0 §4, then RFC 8414 §3 for plain OAuth servers. */
    private URL discover(String issuerId) throws IOException, KeySourceException {
        URI issuerUri = URI.create(issuerId);
        String trimmed = issuerId.endsWith("/") ? issuerId.substring(0, issuerId.length() - 1) : issuerId;
        List<String> candidates = new ArrayList<>();
        candidates.add(trimmed + "/.well-known/openid-configuration");
        String path = issuerUri.getRawPath() == null ? "" : issuerUri.getRawPath();
        path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        candidates.add(issuerUri.getScheme() + "://" + issuerUri.getRawAuthority()
                + "/.well-known/oauth-authorization-server" + path);
        IOException first = null;
        for (String candidate : candidates) {
            try {
                return jwksUriFrom(retriever.retrieveResource(new URL(candidate)).getContent(), issuerId);
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    private URL jwksUriFrom(String metadata, String issuerId) throws IOException, KeySourceException {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(metadata);
        } catch (ParseException e) {
            throw new IOException("the discovery document is not JSON");
        }
        Object advertised = json.get("issuer");
        if (!issuerId.equals(advertised)) {
            // OpenID Connect Discovery §4.3: a document for another issuer must not be used.
            throw new KeySourceException("the discovery document names another issuer than " + issuerId);
        }
        if (!(json.get("jwks_uri") instanceof String jwksUri)) {
            throw new KeySourceException("the discovery document has no jwks_uri");
        }
        try {
            URI uri = new URI(jwksUri);
            Optional<String> problem = UrlRules.problem(uri, insecureHttpAllowed);
            if (problem.isPresent()) {
                throw new KeySourceException("the discovered jwks_uri " + problem.get());
            }
            return uri.toURL();
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw new KeySourceException("the discovered jwks_uri is not a valid URL");
        }
    }

    /**
     * Keeps every usable public signing key and skips the rest (unknown kty, {@code use: enc}, symmetric
     * keys, weak RSA, malformed entries) with a log line, so one bad entry cannot take all keys down.
     */
    JWKSet parseLeniently(String content) throws ParseException {
        Map<String, Object> json = JSONObjectUtils.parse(content);
        List<Object> entries = JSONObjectUtils.getJSONArray(json, "keys");
        if (entries == null) {
            throw new ParseException("no keys member", 0);
        }
        List<JWK> usable = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Object entry = entries.get(i);
            if (!(entry instanceof Map<?, ?> map)) {
                LOG.warn("Issuer '{}': key set entry {} is not a JSON object; skipped", issuer.name(), i);
                continue;
            }
            try {
                @SuppressWarnings("unchecked")
                JWK jwk = JWK.parse((Map<String, Object>) map);
                skipReason(jwk).ifPresentOrElse(
                        reason -> LOG.debug("Issuer '{}': key {} skipped: {}", issuer.name(), jwk.getKeyID(), reason),
                        () -> usable.add(jwk.toPublicJWK()));
            } catch (ParseException | RuntimeException e) {
                LOG.warn("Issuer '{}': key set entry {} is malformed and skipped: {}", issuer.name(), i, e.getMessage());
            }
        }
        return new JWKSet(usable);
    }

    private static Optional<String> skipReason(JWK jwk) {
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            return Optional.of("not a signing key (use " + jwk.getKeyUse().identifier() + ")");
        }
        if (jwk instanceof RSAKey rsa) {
            return rsa.size() < MIN_RSA_KEY_BITS ? Optional.of("RSA key shorter than 2048 bits") : Optional.empty();
        }
        if (jwk instanceof ECKey) {
            return Optional.empty();
        }
        return Optional.of("key type " + jwk.getKeyType() + " is not used for verification here");
    }

    @Override
    public void close() {
        // Nothing held open: every fetch opens and closes its own connection.
    }
}
