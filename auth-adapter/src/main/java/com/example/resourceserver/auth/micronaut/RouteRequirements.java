package com.example.resourceserver.auth.micronaut;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.RouteMatch;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that reads what a route asks of its callers, once per route (routes are fixed at startup), for
 * both the pipeline (whether to read credentials at all) and the security rule (whether the caller may pass):
 * <ul>
 *   <li><b>public</b>: marked {@code @Secured(IS_ANONYMOUS)}, or no route matched (unknown path or method,
 *       CORS preflight, static resources: Micronaut routes the request with the same match, so it ends as
 *       404/405 or a file and never runs a controller). The token is not read at all: a public route ignores
 *       any {@code Authorization} header, and a flood of junk tokens costs it nothing;</li>
 *   <li><b>protected</b>: any other {@code @Secured}. The token is read, and whether credentials came is
 *       recorded for the access log and the metric;</li>
 *   <li><b>undeclared</b>: no {@code @Secured} (management endpoints such as {@code /health}, and new routes,
 *       which the security rules refuse until someone opens them). The token is read, so health details can be
 *       shown to authenticated callers and an undeclared route answers as a protected one would, but nothing is
 *       recorded: these routes do not count as requiring authentication.</li>
 * </ul>
 */
@Singleton
public class RouteRequirements {

    /** What a route asks for. */
    public enum Protection {
        PUBLIC,
        PROTECTED,
        UNDECLARED
    }

    /** @param roles the {@code @Secured} values, empty when undeclared */
    public record Requirement(Protection protection, List<String> roles) {}

    static final Requirement UNMATCHED = new Requirement(Protection.PUBLIC, List.of(SecurityRule.IS_ANONYMOUS));

    private final Map<RouteInfo<?>, Requirement> byRoute = new ConcurrentHashMap<>();

    public Requirement of(HttpRequest<?> request) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        return route.isEmpty()
                ? UNMATCHED
                : byRoute.computeIfAbsent(route.get().getRouteInfo(), RouteRequirements::declared);
    }

    static Requirement declared(RouteInfo<?> route) {
        List<String> roles = List.of(route.getAnnotationMetadata().stringValues(Secured.class));
        if (roles.contains(SecurityRule.IS_ANONYMOUS)) {
            return new Requirement(Protection.PUBLIC, roles);
        }
        return new Requirement(roles.isEmpty() ? Protection.UNDECLARED : Protection.PROTECTED, roles);
    }
}
