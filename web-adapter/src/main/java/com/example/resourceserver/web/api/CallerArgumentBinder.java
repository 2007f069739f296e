package com.example.resourceserver.web.api;

import com.example.resourceserver.domain.caller.Caller;
import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.authentication.AuthorizationException;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Gives a route the domain {@link Caller} as an argument: the one the auth adapter recorded on the request
 * (under {@link Caller#ATTRIBUTE}) when it authenticated it. The caller is built in one place, from the
 * verified token; it is never rebuilt here from the framework's principal.
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
        Object recorded = request.getAttribute(Caller.ATTRIBUTE).orElse(null);
        if (!(recorded instanceof Caller caller)
                || request.getUserPrincipal(Authentication.class).isEmpty()) {
            throw new AuthorizationException(null); // rendered by RejectedRequestHandler, like the filter's refusal
        }
        Optional<Caller> bound = Optional.of(caller);
        return () -> bound;
    }
}
