package com.example.resourceserver.web.metadata;

import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.TreeSet;

/**
 * The scopes the routes declare they need, read once at startup from the {@code @SecurityRequirement}
 * annotations that also describe them in the OpenAPI document: one source, so that RFC 9728's
 * {@code scopes_supported} cannot drift from the routes.
 *
 * <p>Read when the metadata document is first asked for, not at startup: the JDK parses every annotation
 * of each route method to find these, which was a fifth of the startup thread's CPU before the first
 * 200 (docs/performance.md).
 */
@Singleton
public class DeclaredScopes {

    private final List<String> scopes;

    public DeclaredScopes(Router router) {
        TreeSet<String> found = new TreeSet<>();
        router.uriRoutes().forEach(route -> collect(route, found));
        this.scopes = List.copyOf(found);
    }

    /** Sorted, each once; empty when no route names a scope. */
    public List<String> scopes() {
        return scopes;
    }

    /**
     * Read from the method itself: the OpenAPI annotations are for the OpenAPI processor and are not
     * copied into Micronaut's compile-time annotation metadata, but they are kept at run time.
     */
    private static void collect(UriRouteInfo<?, ?> route, TreeSet<String> found) {
        for (SecurityRequirement requirement :
                route.getTargetMethod().getTargetMethod().getAnnotationsByType(SecurityRequirement.class)) {
            for (String scope : requirement.scopes()) {
                if (!scope.isBlank()) {
                    found.add(scope);
                }
            }
        }
    }
}
