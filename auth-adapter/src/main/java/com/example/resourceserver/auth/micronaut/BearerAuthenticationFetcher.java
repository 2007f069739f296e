package com.example.resourceserver.auth.micronaut;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import io.micronaut.security.token.TokenAuthenticationFetcher;
import io.micronaut.security.token.reader.TokenResolver;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Singleton;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Hands the bearer token to the validators, in place of Micronaut Security's fetcher. That one also
 * stores the raw token as a request attribute and publishes a {@code TokenValidatedEvent} carrying it on
 * every request, which Micronaut's event publisher writes to the log at TRACE level: a token in the logs.
 * Nothing here listens for that event, so this fetcher does the same work without it (and without the
 * per-request event dispatch).
 */
@Singleton
@Replaces(TokenAuthenticationFetcher.class)
public class BearerAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    private final TokenResolver<HttpRequest<?>> resolver;
    private final List<TokenValidator<HttpRequest<?>>> validators;

    public BearerAuthenticationFetcher(
            TokenResolver<HttpRequest<?>> resolver, List<TokenValidator<HttpRequest<?>>> validators) {
        this.resolver = resolver;
        this.validators = validators;
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        List<String> tokens = resolver.resolveTokens(request);
        if (tokens.isEmpty()) {
            return Mono.empty();
        }
        String token = tokens.get(0); // the strict reader yields at most one
        if (validators.size() == 1) {
            return validators.get(0).validateToken(token, request);
        }
        return Flux.fromIterable(validators)
                .concatMap(validator -> validator.validateToken(token, request))
                .next();
    }

    @Override
    public int getOrder() {
        return TokenAuthenticationFetcher.ORDER;
    }
}
