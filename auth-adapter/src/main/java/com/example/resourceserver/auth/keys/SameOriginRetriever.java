package com.example.resourceserver.auth.keys;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fetches discovery documents and key sets: Nimbus's {@link DefaultResourceRetriever} (connect and read
 * timeouts, responses read only up to the size limit, chunked or not, non-2xx answers refused), except
 * that redirects are ours to follow.
 *
 * <p>Why: {@link HttpURLConnection} follows redirects by itself, to any host and port (it refuses only a
 * change of protocol), so a key set URL answering {@code 302} to somewhere else would make the service
 * trust whatever keys are served there. Here a redirect is followed only within the origin (scheme, host
 * and port) of the requested URL, at most {@value #MAX_REDIRECTS} times; any other is a failed fetch.
 */
final class SameOriginRetriever extends DefaultResourceRetriever {

    static final int MAX_REDIRECTS = 3;

    SameOriginRetriever(int connectTimeoutMillis, int readTimeoutMillis, int sizeLimitBytes) {
        super(connectTimeoutMillis, readTimeoutMillis, sizeLimitBytes);
    }

    /**
     * The connection whose answer is not a redirect, already sent; Nimbus then reads it (bounded) and
     * checks its status. Redirects to the same origin are followed here first.
     */
    @Override
    protected HttpURLConnection openHTTPConnection(URL url) throws IOException {
        URL current = url;
        for (int redirects = 0; ; redirects++) {
            HttpURLConnection connection = super.openHTTPConnection(current);
            connection.setInstanceFollowRedirects(false);
            // Set here because the request is sent here; Nimbus sets them again afterwards, to no effect.
            connection.setConnectTimeout(getConnectTimeout());
            connection.setReadTimeout(getReadTimeout());
            if (!isRedirect(connection.getResponseCode())) {
                return connection;
            }
            String location = connection.getHeaderField("Location");
            connection.disconnect();
            URL target = resolve(current, location);
            if (!origin(target).equals(origin(url))) {
                throw new IOException("redirected to another origin (" + origin(target) + "), not followed");
            }
            if (redirects == MAX_REDIRECTS) {
                throw new IOException("more than " + MAX_REDIRECTS + " redirects");
            }
            current = target;
        }
    }

    /**
     * Not supported: Nimbus would add the headers after {@link #openHTTPConnection} has already sent the
     * request, which {@link HttpURLConnection} refuses.
     */
    @Override
    public void setHeaders(Map<String, List<String>> headers) {
        if (headers != null && !headers.isEmpty()) {
            throw new UnsupportedOperationException(
                    "request headers are not supported by " + getClass().getSimpleName());
        }
        super.setHeaders(headers);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URL resolve(URL base, String location) throws IOException {
        if (location == null || location.isBlank()) {
            throw new IOException("redirected without a Location");
        }
        try {
            return base.toURI().resolve(location.trim()).toURL();
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw new IOException("redirected to an invalid Location");
        }
    }

    /** scheme://host:port, with the scheme's default port made explicit and case folded. */
    static String origin(URL url) {
        int port = url.getPort() == -1 ? url.getDefaultPort() : url.getPort();
        return url.getProtocol().toLowerCase(Locale.ROOT) + "://"
                + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }
}
