package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.DpopModes;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.CredentialScheme;
import com.example.resourceserver.domain.caller.RequiredCredentials;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the access token the way RFC 6750 §2.1 (and RFC 9449 §7.1 for DPoP) and the contract want, replacing
 * Micronaut's reader
 * (which reads only the first {@code Authorization} header and logs the header at debug level).
 *
 * <p>It is also the one place that decides which routes require authentication, once per route:
 * <ul>
 *   <li><b>public</b>: marked {@code @Secured(IS_ANONYMOUS)}, or no route matched. The token is not read
 *       at all: a public route ignores any {@code Authorization} header, and pays nothing for it;</li>
 *   <li><b>protected</b>: any other {@code @Secured}. The token is read, and whether credentials came is
 *       recorded as {@link RequiredCredentials} for the access log and the metric;</li>
 *   <li><b>undeclared</b>: no {@code @Secured} (management endpoints such as {@code /health}, and new
 *       routes, which the security rules refuse until someone opens them). The token is read, so health
 *       details can be shown to authenticated callers and an undeclared route answers as a protected
 *       one would, but nothing is recorded: these routes do not count as requiring authentication.</li>
 * </ul>
 *
 * <p>Reading rules:
 * <ul>
 *   <li>More than one {@code Authorization} header, or a header token plus an {@code access_token}
 *       query parameter: {@code invalid_request} (RFC 6750 §2: one method per request).</li>
 *   <li>The scheme is matched case-insensitively (RFC 7235 §2.1); another scheme is "no credentials".</li>
 *   <li>{@code Bearer} with nothing after it: {@code invalid_token}.</li>
 *   <li>{@code DPoP} (read only while some issuer accepts it; otherwise it is another scheme): exactly one
 *       {@code DPoP} header must come with it, none is {@code invalid_dpop_proof}, two or more are
 *       {@code invalid_request}. The proof is passed on to {@link DpopBinding}, which checks it.</li>
 *   <li>A token only in the query string is ignored: we do not support RFC 6750 §2.3.</li>
 * </ul>
 */
@Singleton
@Replaces(BearerTokenReader.class)
public class StrictBearerTokenReader implements TokenReader<HttpRequest<?>> {

    static final String DPOP_HEADER = "DPoP";
    static final String QUERY_PARAMETER = "access_token";

    /** What a route asks of its callers, as far as reading credentials goes. */
    enum RouteProtection {
        PUBLIC,
        PROTECTED,
        UNDECLARED
    }

    // Routes are fixed at startup: decide once per route, not once per request.
    private final Map<RouteInfo<?>, RouteProtection> protectionByRoute = new ConcurrentHashMap<>();

    private final boolean dpopRead;

    public StrictBearerTokenReader(DpopModes dpopModes) {
        this.dpopRead = dpopModes.someAcceptDpop();
    }

    @Override
    public Optional<String> findToken(HttpRequest<?> request) {
        RouteProtection protection = protectionOf(request);
        if (protection == RouteProtection.PUBLIC) {
            return Optional.empty();
        }
        boolean required = protection == RouteProtection.PROTECTED;
        List<String> values = request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
        if (values.isEmpty()) {
            return missing(request, required);
        }
        if (values.size() > 1) {
            return fail(request, required, Reason.MULTIPLE_AUTHORIZATION_HEADERS);
        }
        String value = values.get(0);
        CredentialScheme scheme = schemeOf(value);
        if (scheme == null) {
            return missing(request, required); // another scheme: not ours, so no credentials for us
        }
        AuthenticationFailures.recordScheme(request, scheme); // a refusal answers in the scheme used
        int length = value.length();
        int start = scheme.challengeName().length();
        while (start < length && value.charAt(start) == ' ') {
            start++;
        }
        if (start == length) {
            return fail(request, required, Reason.MALFORMED);
        }
        String query = request.getUri().getRawQuery();
        if (query != null
                && query.contains(QUERY_PARAMETER)
                && request.getParameters().contains(QUERY_PARAMETER)) {
            return fail(request, required, Reason.TOKEN_IN_MULTIPLE_PLACES);
        }
        if (scheme == CredentialScheme.DPOP) {
            List<String> proofs = request.getHeaders().getAll(DPOP_HEADER);
            if (proofs.size() != 1) { // RFC 9449 §4.3 point 1: exactly one
                return fail(
                        request, required, proofs.isEmpty() ? Reason.DPOP_PROOF_MISSING : Reason.MULTIPLE_DPOP_PROOFS);
            }
            request.setAttribute(AuthenticationFailures.DPOP_PROOF_ATTRIBUTE, proofs.get(0));
        }
        if (required) {
            AuthenticationFailures.recordCredentials(request, RequiredCredentials.PRESENTED);
        }
        return Optional.of(value.substring(start));
    }

    /**
     * {@code Bearer}, or {@code DPoP} when some issuer accepts it, matched case-insensitively (RFC 7235 §2.1)
     * and followed by a space or nothing; null for any other scheme ({@code Bearerx} included).
     */
    private CredentialScheme schemeOf(String value) {
        CredentialScheme scheme = startsWith(value, CredentialScheme.BEARER)
                ? CredentialScheme.BEARER
                : dpopRead && startsWith(value, CredentialScheme.DPOP) ? CredentialScheme.DPOP : null;
        if (scheme == null) {
            return null;
        }
        int end = scheme.challengeName().length();
        return end == value.length() || value.charAt(end) == ' ' ? scheme : null;
    }

    private static boolean startsWith(String value, CredentialScheme scheme) {
        String name = scheme.challengeName();
        return value.regionMatches(true, 0, name, 0, name.length());
    }

    private static Optional<String> missing(HttpRequest<?> request, boolean required) {
        if (required) {
            AuthenticationFailures.recordCredentials(request, RequiredCredentials.MISSING);
        }
        return Optional.empty();
    }

    private static Optional<String> fail(HttpRequest<?> request, boolean required, Reason reason) {
        if (required) {
            AuthenticationFailures.recordCredentials(request, RequiredCredentials.PRESENTED);
        }
        AuthenticationFailures.record(request, AuthenticationFailure.of(reason));
        return Optional.empty();
    }

    /**
     * Without a matched route (unknown path or method, CORS preflight, static resources) there is nothing
     * to protect: Micronaut routes the request with the same match the security filter saw, so it ends
     * as 404/405 or a file and never runs a controller. Not reading the token there spares a flood of
     * junk tokens any verification work.
     */
    private RouteProtection protectionOf(HttpRequest<?> request) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty()) {
            return RouteProtection.PUBLIC;
        }
        return protectionByRoute.computeIfAbsent(
                route.get().getRouteInfo(), StrictBearerTokenReader::declaredProtection);
    }

    static RouteProtection declaredProtection(RouteInfo<?> route) {
        String[] values = route.getAnnotationMetadata().stringValues(Secured.class);
        for (String value : values) {
            if (SecurityRule.IS_ANONYMOUS.equals(value)) {
                return RouteProtection.PUBLIC;
            }
        }
        return values.length > 0 ? RouteProtection.PROTECTED : RouteProtection.UNDECLARED;
    }

    @Override
    public int getOrder() {
        return BearerTokenReader.ORDER;
    }
}
