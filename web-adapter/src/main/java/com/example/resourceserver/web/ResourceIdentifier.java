package com.example.resourceserver.web;

import com.example.resourceserver.domain.access.ResourceAddress;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * This service's RFC 9728 resource identifier, and where its metadata is published (§3.1).
 *
 * <p>Configured ({@code web.external-url}): the same for every request. Unset: {@code http} or
 * {@code https} (whether this connection is TLS) plus the request's {@code Host}, so that it equals the
 * URL the client used, as §3.3 requires clients to check. {@code X-Forwarded-*} and {@code Forwarded}
 * are never read: anyone can send them, and a proxy that rewrites the host should be described by
 * {@code web.external-url} instead. A {@code Host} that is not a plain host[:port] is not echoed: the
 * address the request came in on stands in for it. The auth adapter reads the same address, through the domain
 * port {@link ResourceAddress}, for the {@code htu} of DPoP proofs.
 */
@Context // a bad web.external-url stops startup
public class ResourceIdentifier implements ResourceAddress {

    /** The path of RFC 9728 metadata, inserted between the host and the resource's path (§3.1). */
    public static final String WELL_KNOWN_PATH = "/.well-known/oauth-protected-resource";

    // RFC 3986 reg-name / IPv4 / IP literal, optional port: nothing that could break a quoted header value.
    private static final Pattern HOST =
            Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9._~!$&'()*+,;=%-]+)(:[0-9]{1,5})?");

    private final String configured;
    private final String configuredPath;

    public ResourceIdentifier(WebSettings settings) {
        this.configured = checked(settings.getExternalUrl());
        this.configuredPath = configured == null ? "" : URI.create(configured).getRawPath();
    }

    /** The resource identifier for this request: {@code web.external-url}, or scheme and {@code Host}. */
    public String of(HttpRequest<?> request) {
        return configured != null ? configured : origin(request);
    }

    /** Where the metadata of the resource is published: {@code <origin>/.well-known/oauth-protected-resource<path>}. */
    public String metadataUrl(HttpRequest<?> request) {
        if (configured == null) {
            return origin(request) + WELL_KNOWN_PATH;
        }
        return configured.substring(0, configured.length() - configuredPath.length())
                + WELL_KNOWN_PATH
                + configuredPath;
    }

    /**
     * {@code web.external-url} followed by the request's path (behind a proxy the service cannot see the scheme
     * and host the client used, and a path in the external URL is a prefix the proxy strips); unset, the
     * origin of this request followed by its path.
     */
    @Override
    public String requestUri(boolean secure, String host, String path) {
        String rawPath = path == null || path.isEmpty() ? "/" : path;
        return (configured != null ? configured : origin(secure, host, null)) + rawPath;
    }

    /** The path of the configured resource identifier (empty when it has none): the §3.1 suffix of the metadata path. */
    public String path() {
        return configuredPath;
    }

    private static String origin(HttpRequest<?> request) {
        return origin(request.isSecure(), request.getHeaders().get(HttpHeaders.HOST), request);
    }

    /** Scheme and {@code Host}; a missing or odd {@code Host} is replaced by the server address (when known). */
    private static String origin(boolean secure, String host, @Nullable HttpRequest<?> request) {
        String scheme = secure ? "https" : "http";
        if (host == null || !HOST.matcher(host).matches()) {
            if (request == null) {
                return scheme + "://"; // no plain host: no URI, so no proof can match it
            }
            InetSocketAddress local = request.getServerAddress();
            String address = local.getHostString();
            host = (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + local.getPort();
        }
        return scheme + "://" + host;
    }

    /** An absolute http(s) URL without query, fragment or user info; a trailing slash is dropped. */
    private static String checked(@Nullable String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            if (web
                    && uri.getRawAuthority() != null
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null
                    && uri.getRawQuery() == null
                    && uri.getRawFragment() == null
                    && !trimmed.contains("\"")) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigurationException("WEB_EXTERNAL_URL (web.external-url) must be an absolute http or https URL "
                + "without query or fragment, such as https://api.example.com");
    }
}
