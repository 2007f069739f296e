package com.example.resourceserver.web.errors;

import com.example.resourceserver.domain.caller.AuthenticationFailure;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Renders the security filter's refusals (and the Caller binder's, which fails closed the same way),
 * replacing Micronaut Security's handler (no RFC 6750 challenge, redirects for browsers). The auth
 * adapter leaves the reason on the request; no reason means no usable credentials were sent at all.
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
public class RejectedRequestHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {

    private final ErrorResponses errors;

    public RejectedRequestHandler(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        Object failure =
                request.getAttribute(AuthenticationFailure.REQUEST_ATTRIBUTE).orElse(null);
        if (failure instanceof AuthenticationFailure authenticationFailure) {
            return errors.authenticationFailed(authenticationFailure, request);
        }
        if (exception.isForbidden()) {
            return errors.forbidden(request);
        }
        return errors.missingCredentials(request);
    }
}
