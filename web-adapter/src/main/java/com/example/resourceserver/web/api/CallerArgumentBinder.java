package com.example.resourceserver.web.api;

import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.caller.Scope;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Gives a route the domain {@link Caller} as an argument: the one the auth adapter attached to the
 * {@link Authentication} (under {@link Caller#ATTRIBUTE}), or, for an {@code Authentication} from
 * elsewhere, one rebuilt from its name (the subject) and those roles that are valid scopes.
 *
 * <p>Routes bind their arguments after the security filter has run. A route that asks for a
 * {@code Caller} is normally reached only authenticated; if it is reached without (a route opened with
 * {@code @Secured(IS_ANONYMOUS)} by mistake), this fails closed: it refuses the request exactly as the
 * security filter refuses an unauthenticated one, so the answer is the usual 401 challenge, never a
 * route running without a caller, a 400 or a 500.
 */
@Singleton
public class CallerArgumentBinder implements TypedRequestArgumentBinder<Caller> {

    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> request) {
        Authentication authentication =
                request.getUserPrincipal(Authentication.class).orElse(null);
        if (authentication == null) {
            throw new AuthorizationException(null); // rendered by RejectedRequestHandler, like the filter's refusal
        }
        Optional<Caller> caller = Optional.of(callerOf(authentication));
        return () -> caller;
    }

    static Caller callerOf(Authentication authentication) {
        if (authentication.getAttributes().get(Caller.ATTRIBUTE) instanceof Caller caller) {
            return caller;
        }
        Set<Scope> scopes = new HashSet<>();
        for (String role : authentication.getRoles()) {
            if (Scope.isValid(role)) {
                scopes.add(new Scope(role));
            }
        }
        return new Caller(authentication.getName(), scopes);
    }
}
