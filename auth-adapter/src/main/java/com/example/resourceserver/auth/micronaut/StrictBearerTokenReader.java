package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.bearer.BearerTokenReader;
import io.micronaut.security.token.reader.TokenReader;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * Reads the bearer token the way RFC 6750 §2.1 and the contract want, replacing Micronaut's reader
 * (which reads only the first {@code Authorization} header and logs the header at debug level).
 *
 * <ul>
 *   <li>Routes marked {@code @Secured(IS_ANONYMOUS)}, and requests that match no route, are not read
 *       at all: a public route ignores any {@code Authorization} header, and pays nothing for it.</li>
 *   <li>More than one {@code Authorization} header, or a header token plus an {@code access_token}
 *       query parameter: {@code invalid_request} (RFC 6750 §2: one method per request).</li>
 *   <li>The scheme is matched case-insensitively (RFC 7235 §2.1); another scheme is "no credentials".</li>
 *   <li>{@code Bearer} with nothing after it: {@code invalid_token}.</li>
 *   <li>A token only in the query string is ignored: we do not support RFC 6750 §2.3.</li>
 * </ul>
 */
@Singleton
@Replaces(BearerTokenReader.class)
public class StrictBearerTokenReader implements TokenReader<HttpRequest<?>> {

    static final String SCHEME = "Bearer";
    private final Map<RouteInfo<?>, Boolean> protectedRoutes = new ConcurrentHashMap<>();
    static final String QUERY_PARAMETER = "access_token";

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        if (!isProtectedRoute(request)) {
            return Optional.empty();
        }
        List<String> values = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
        if (values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            return fail(request, Reason.MULTIPLE_AUTHORIZATION_HEADERS);
        }
        String value = values.get(0);
        int length = value.length();
        if (length < SCHEME.length() || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty(); // another scheme: not ours, so no credentials for us
        }
        int start = SCHEME.length();
        if (start < length && value.charAt(start) != ' ') {
            return Optional.empty(); // e.g. "Bearerx": another scheme
        }
        while (start < length && value.charAt(start) == ' ') {
            start++;
        }
        if (start == length) {
            return fail(request, Reason.MALFORMED);
        }
        String query = request.getUri().getRawQuery();
        if (query != null && query.contains(QUERY_PARAMETER) && request.getParameters().contains(QUERY_PARAMETER)) {
            return fail(request, Reason.TOKEN_IN_MULTIPLE_PLACES);
        }
        return Optional.of(value.substring(start));
    }

    private static Optional<String> fail(HttpRequest<?> request, Reason reason) {
        AuthenticationFailures.record(request, AuthenticationFailure.of(reason));
        return Optional.empty();
    }

    /**
     * Every matched route is protected unless it says {@code @Secured(IS_ANONYMOUS)}. Without a matched
     * route (unknown path or method, CORS preflight) there is nothing to protect: Micronaut routes the
     * request with the same match the security filter saw, so it ends as 404/405 and never runs a
     * controller. Not reading the token there spares a flood of junk tokens any verification work.
     */
    private boolean isProtectedRoute(HttpRequest<?> request) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty()) {
            return false;
        }
        // Routes are fixed at startup: decide once per route, not once per request.
        return protectedRoutes.computeIfAbsent(route.get().getRouteInfo(), info -> {
            for (String value : info.getAnnotationMetadata().stringValues(Secured.class)) {
                if (SecurityRule.IS_ANONYMOUS.equals(value)) {
                    return false;
                }
            }
            return true;
        });
    }

    @Override
    public int getOrder() {
        return BearerTokenReader.ORDER;
    }
}
