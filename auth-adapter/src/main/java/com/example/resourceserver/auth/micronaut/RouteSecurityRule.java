package com.example.resourceserver.auth.micronaut;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecuredAnnotationRule;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Micronaut Security's {@code @Secured} rule, reading each route's {@code @Secured} once through
 * {@link RouteRequirements} (which the pipeline reads too) instead of again on every request: a route marked
 * {@code denyAll()} is refused; otherwise the request passes when the caller holds any of the listed values,
 * where every caller holds {@code isAnonymous()}, and an authenticated one also {@code isAuthenticated()} and
 * its roles (its granted scopes). A route without {@code @Secured} is left to the other rules (UNKNOWN).
 * Unlike Micronaut's rule it does not evaluate expressions in {@code @Secured}: there are none here, and an
 * expression would read as a role nobody holds, which fails closed.
 */
@Singleton
@Replaces(SecuredAnnotationRule.class)
public class RouteSecurityRule implements SecurityRule<HttpRequest<?>> {

    private static final Mono<SecurityRuleResult> ALLOWED = Mono.just(SecurityRuleResult.ALLOWED);
    private static final Mono<SecurityRuleResult> REJECTED = Mono.just(SecurityRuleResult.REJECTED);
    private static final Mono<SecurityRuleResult> UNKNOWN = Mono.just(SecurityRuleResult.UNKNOWN);

    private final RouteRequirements requirements;

    public RouteSecurityRule(RouteRequirements requirements) {
        this.requirements = requirements;
    }

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, Authentication authentication) {
        RouteRequirements.Requirement requirement = requirements.of(request);
        if (requirement == RouteRequirements.UNMATCHED) {
            return UNKNOWN; // no route: as Micronaut's rule, which decides nothing without one
        }
        List<String> required = requirement.roles();
        if (required.isEmpty()) {
            return UNKNOWN;
        }
        if (required.contains(SecurityRule.DENY_ALL)) {
            return REJECTED;
        }
        return holdsAny(required, authentication) ? ALLOWED : REJECTED;
    }

    private static boolean holdsAny(List<String> required, Authentication authentication) {
        if (required.contains(SecurityRule.IS_ANONYMOUS)) {
            return true;
        }
        if (authentication == null) {
            return false;
        }
        if (required.contains(SecurityRule.IS_AUTHENTICATED)) {
            return true;
        }
        Collection<String> roles = authentication.getRoles();
        for (String role : required) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getOrder() {
        return SecuredAnnotationRule.ORDER;
    }
}
