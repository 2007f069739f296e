package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.pipeline.AuthResult;
import com.example.resourceserver.auth.pipeline.RequestAuthenticator;
import com.example.resourceserver.domain.access.ResourceAddress;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.caller.CredentialScheme;
import com.example.resourceserver.domain.caller.RequiredCredentials;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletionStage;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Plugs the request pipeline ({@link RequestAuthenticator}) into Micronaut Security's filter, in place of its
 * token fetcher, reader and validator (Micronaut Security JWT's validator accepts unsigned tokens when no
 * signature configuration exists, has no algorithm allow-list and never refetches keys on an unknown key; its
 * fetcher stores the raw token on the request and publishes a {@code TokenValidatedEvent} carrying it, which
 * Micronaut's event publisher logs at TRACE).
 *
 * <p>On a public route nothing is read. Otherwise the pipeline's one result is recorded on the request once,
 * as attributes of domain types the web adapter renders and logs without knowing this adapter: the
 * {@link Caller}, the {@link CredentialScheme} a refusal is answered in (RFC 9449 §7.1), the
 * {@link AuthenticationFailure}, and, on protected routes, whether credentials came
 * ({@link RequiredCredentials}). A result the pipeline has already (a remembered token) is used inline.
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
public class PipelineAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private final RequestAuthenticator<Authentication> pipeline;
    private final RouteRequirements routes;
    private final ResourceAddress address;

    public PipelineAuthenticationFetcher(
            RequestAuthenticator<Authentication> pipeline, RouteRequirements routes, ResourceAddress address) {
        this.pipeline = pipeline;
        this.routes = routes;
        this.address = address;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        RouteRequirements.Protection protection = routes.of(request).protection();
        if (protection == RouteRequirements.Protection.PUBLIC) {
            return Mono.empty();
        }
        boolean required = protection == RouteRequirements.Protection.PROTECTED;
        CompletionStage<AuthResult<Authentication>> result =
                pipeline.authenticate(new HttpAuthRequest(request, address));
        var done = result.toCompletableFuture();
        if (done.isDone() && !done.isCompletedExceptionally()) {
            return Mono.justOrEmpty(record(done.join(), request, required));
        }
        return Mono.fromCompletionStage(result).mapNotNull(outcome -> record(outcome, request, required));
    }

    /** The authentication to hand to Micronaut, or null; what the pipeline decided, recorded on the request. */
    private static Authentication record(AuthResult<Authentication> result, HttpRequest<?> request, boolean required) {
        if (result instanceof AuthResult.NoCredentials<Authentication>) {
            if (required) {
                request.setAttribute(RequiredCredentials.REQUEST_ATTRIBUTE, RequiredCredentials.MISSING);
            }
            return null;
        }
        if (required) {
            request.setAttribute(RequiredCredentials.REQUEST_ATTRIBUTE, RequiredCredentials.PRESENTED);
        }
        if (result instanceof AuthResult.Refused<Authentication> refused) {
            if (refused.scheme() != null) {
                request.setAttribute(CredentialScheme.REQUEST_ATTRIBUTE, refused.scheme());
            }
            request.setAttribute(AuthenticationFailure.REQUEST_ATTRIBUTE, refused.failure());
            return null;
        }
        AuthResult.Authenticated<Authentication> authenticated = (AuthResult.Authenticated<Authentication>) result;
        request.setAttribute(CredentialScheme.REQUEST_ATTRIBUTE, authenticated.scheme());
        request.setAttribute(Caller.ATTRIBUTE, authenticated.token().caller());
        return authenticated.principal();
    }

    @Override
    public int getOrder() {
        return TokenAuthenticationFetcher.ORDER;
    }
}
