package com.example.resourceserver.auth.http;

import com.example.resourceserver.auth.config.UrlRules;
import com.example.resourceserver.auth.json.StrictJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One issuer's published metadata, the one discovery for everything found there ({@code jwks_uri} for keys,
 * {@code introspection_endpoint} for introspection): OpenID Connect Discovery 1.0 §4 first, then RFC 8414 §3
 * for plain OAuth servers. A location that cannot be fetched or is not JSON is passed over; the first
 * document that is JSON decides, and it must name exactly the configured issuer (Discovery §4.3). URLs taken
 * from it must satisfy the same rules as configured ones.
 *
 * <p>The document is fetched when first needed and kept; {@link #forget()} makes the next use fetch it again
 * (the key set moved, say).
 */
public final class IssuerMetadata {

    private final String issuer;
    private final BoundedFetcher http;
    private final boolean insecureHttpAllowed;
    private volatile Map<String, Object> document;

    public IssuerMetadata(String issuer, BoundedFetcher http, boolean insecureHttpAllowed) {
        this.issuer = issuer;
        this.http = http;
        this.insecureHttpAllowed = insecureHttpAllowed;
    }

    /** The URL the document gives for {@code member} ({@code jwks_uri}, {@code introspection_endpoint}). */
    public URI url(String member) throws BoundedFetcher.Failure {
        if (!(document().get(member) instanceof String text)) {
            throw failure("the discovery document has no " + member);
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw failure("the discovered " + member + " is not a valid URL");
        }
        Optional<String> problem = UrlRules.problem(uri, insecureHttpAllowed);
        if (problem.isPresent()) {
            throw failure("the discovered " + member + " " + problem.get());
        }
        return uri;
    }

    /** Fetch the document again when it is next needed. */
    public void forget() {
        document = null;
    }

    private Map<String, Object> document() throws BoundedFetcher.Failure {
        Map<String, Object> known = document;
        if (known != null) {
            return known;
        }
        BoundedFetcher.Failure first = null;
        for (URI location : locations(issuer)) {
            Map<String, Object> json;
            try {
                json = StrictJson.object(http.get(location, "application/json"));
            } catch (BoundedFetcher.Failure e) {
                first = first == null ? e : first;
                continue;
            } catch (StrictJson.Invalid e) {
                first = first == null ? failure("the discovery document at " + location + " is not JSON") : first;
                continue;
            }
            if (!issuer.equals(json.get("issuer"))) {
                // OpenID Connect Discovery §4.3: a document for another issuer must not be used.
                throw failure("the discovery document names another issuer than " + issuer);
            }
            document = json;
            return json;
        }
        throw first;
    }

    /** {@code {issuer}/.well-known/openid-configuration}, then the RFC 8414 path-inserted form. */
    static List<URI> locations(String issuer) {
        URI issuerUri = URI.create(issuer);
        String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        String path = issuerUri.getRawPath() == null ? "" : issuerUri.getRawPath();
        path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return List.of(
                URI.create(trimmed + "/.well-known/openid-configuration"),
                URI.create(issuerUri.getScheme() + "://" + issuerUri.getRawAuthority()
                        + "/.well-known/oauth-authorization-server" + path));
    }

    private static BoundedFetcher.Failure failure(String message) {
        return new BoundedFetcher.Failure("discovery_failed", message);
    }
}
