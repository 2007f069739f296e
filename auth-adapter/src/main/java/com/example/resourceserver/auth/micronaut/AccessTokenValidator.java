package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.token.AccessTokenVerifier;
import com.example.resourceserver.auth.token.Verification;
import com.example.resourceserver.auth.token.VerifiedToken;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.Scope;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * Plugs {@link AccessTokenVerifier} into Micronaut Security's filter, in place of Micronaut Security
 * JWT's own validator (which accepts unsigned tokens, has no algorithm allow-list and no refetch on an
 * unknown key; see ../shared/reference/stack.md).
 *
 * <p>Verification may fetch keys, so it runs on the blocking executor, never on the event loop, and a
 * request waits for it at most the fetch timeout: past that it gets 503 while the fetch finishes in the
 * background for the next request. A rejected token yields no authentication and leaves the reason on
 * the request for the web adapter to render.
 */
@Singleton
@Replaces(ReactiveJsonWebTokenValidator.class)
public class AccessTokenValidator implements TokenValidator<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenValidator.class);

    private final AccessTokenVerifier verifier;
    private final Scheduler blocking;
    private final Duration waitLimit;
    private final Duration retryAfter;

    public AccessTokenValidator(AccessTokenVerifier verifier,
                                @Named(TaskExecutors.BLOCKING) ExecutorService blockingExecutor,
                                AuthSettings settings) {
        this.verifier = verifier;
        this.blocking = Schedulers.fromExecutorService(blockingExecutor);
        this.waitLimit = settings.getJwks().getFetchTimeout();
        this.retryAfter = settings.getJwks().getMinRefreshInterval();
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        return Mono.fromCallable(() -> verifier.verify(token))
                .subscribeOn(blocking)
                .timeout(waitLimit, Mono.fromSupplier(
                        () -> new Verification.Rejected(AuthenticationFailure.keysUnavailable(retryAfter))))
                .onErrorResume(error -> {
                    // A defect, not a verdict on the token: fail closed, and never log the token itself.
                    LOG.error("Unexpected error while verifying a bearer token", error);
                    return Mono.just(Verification.rejected(AuthenticationFailure.Reason.MALFORMED));
                })
                .flatMap(verification -> {
                    if (verification instanceof Verification.Verified verified) {
                        return Mono.just(toAuthentication(verified.token()));
                    }
                    AuthenticationFailures.record(request, ((Verification.Rejected) verification).failure());
                    return Mono.empty();
                });
    }

    static Authentication toAuthentication(VerifiedToken token) {
        List<String> scopes = new ArrayList<>(token.caller().grantedScopes().size());
        for (Scope scope : token.caller().grantedScopes()) {
            scopes.add(scope.value());
        }
        return Authentication.build(token.caller().subject(), scopes, token.claims());
    }
}
