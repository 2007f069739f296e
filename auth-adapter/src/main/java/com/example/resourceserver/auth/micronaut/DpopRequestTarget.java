package com.example.resourceserver.auth.micronaut;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * The URI a DPoP proof's {@code htu} must name (RFC 9449 §4.3 point 9): the URI the client used, without
 * query and fragment.
 *
 * <p>With {@code WEB_EXTERNAL_URL} set ({@code web.external-url}, e.g. {@code https://api.example.com}, which
 * the web adapter checks at startup) it is that URL followed by the request's path: behind a proxy or load
 * balancer the service cannot see the scheme and host the client used, and a path in the external URL is a
 * prefix the proxy strips. Unset, it is {@code http} or {@code https} (whether this connection is TLS) plus
 * the request's {@code Host}. {@code X-Forwarded-*} and {@code Forwarded} are never read: anyone can send them.
 * A {@code Host} that is not a plain host[:port] cannot be matched by any proof, since the comparison
 * normalises both sides and refuses what does not parse.
 */
@Singleton
public class DpopRequestTarget {

    private final String externalUrl;

    public DpopRequestTarget(@Value("${web.external-url:}") String externalUrl) {
        String url = externalUrl == null ? "" : externalUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        this.externalUrl = url.isEmpty() ? null : url;
    }

    /** The effective request URI, without query and fragment. */
    public String of(HttpRequest<?> request) {
        String path = request.getUri().getRawPath();
        if (path == null || path.isEmpty()) {
            path = "/";
        }
        if (externalUrl != null) {
            return externalUrl + path;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        return (request.isSecure() ? "https://" : "http://") + (host == null ? "" : host) + path;
    }
}
