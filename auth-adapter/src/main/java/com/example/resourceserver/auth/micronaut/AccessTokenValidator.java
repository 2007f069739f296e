package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.keys.KeyAccess;
import com.example.resourceserver.auth.keys.TrustedKeySets;
import com.example.resourceserver.auth.token.AccessTokenVerifier;
import com.example.resourceserver.auth.token.Verification;
import com.example.resourceserver.auth.token.VerifiedToken;
import com.example.resourceserver.auth.token.VerifiedTokenCache;
import com.example.resourceserver.auth.token.introspection.TokenIntrospector;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.Scope;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.jwt.validator.ReactiveJsonWebTokenValidator;
import io.micronaut.security.token.validator.TokenValidator;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Plugs {@link AccessTokenVerifier} into Micronaut Security's filter, in place of Micronaut Security
 * JWT's own validator (which accepts unsigned tokens when no signature configuration exists, has no
 * algorithm allow-list and never refetches the key set on an unknown key).
 *
 * <p>A token verified before and still cached (see {@link VerifiedTokenCache}) costs a lookup. When the
 * signing key is in memory, verification runs inline (it is CPU work only). When keys must
 * be fetched, it runs on the blocking executor, never on the event loop, and a request waits for it at
 * most the fetch timeout: past that it is answered from keys fetched earlier, or with 503, while the
 * fetch finishes in the background for the next request. A rejected token yields no authentication and
 * leaves the reason on the request for the web adapter to render.
 *
 * <p>When an issuer has an introspection endpoint, a token that is not shaped like a JWS goes to
 * {@link TokenIntrospector} instead (RFC 7662), as do, after local verification, the JWTs of issuers set
 * to introspect them. A remembered answer is used inline; otherwise the request waits for the call at
 * most the introspection timeout, then gets 503.
 *
 * <p>Whatever vouched for the token, {@link DpopBinding} then checks that the way it came fits its binding:
 * a DPoP request's proof is checked and used up every time.
 */
@Singleton
@Replaces(ReactiveJsonWebTokenValidator.class)
public class AccessTokenValidator implements TokenValidator<HttpRequest<?>> {

    private static final Logger LOG = LoggerFactory.getLogger(AccessTokenValidator.class);

    private final AccessTokenVerifier verifier;
    private final TrustedKeySets keySets;
    private final VerifiedTokenCache<Authentication> cache;
    private final Scheduler blocking;
    private final Duration waitLimit;
    private final TokenIntrospector introspector;
    private final DpopBinding binding;

    public AccessTokenValidator(
            AccessTokenVerifier verifier,
            TrustedKeySets keySets,
            @Nullable VerifiedTokenCache<Authentication> cache,
            @Named(TaskExecutors.BLOCKING) ExecutorService blockingExecutor,
            AuthSettings settings,
            IntrospectionBeans.Introspection introspection,
            DpopBinding binding) {
        this.verifier = verifier;
        this.keySets = keySets;
        this.cache = cache;
        this.blocking = Schedulers.fromExecutorService(blockingExecutor);
        this.waitLimit = settings.getJwks().getFetchTimeout();
        this.introspector = introspection.introspector().orElse(null);
        this.binding = binding;
    }

    @Override
    public Publisher<Authentication> validateToken(String token, HttpRequest<?> request) {
        if (introspector != null && introspector.handlesOpaque(token)) {
            return introspected(token, introspector.verifyOpaque(token), request);
        }
        if (cache != null) {
            VerifiedTokenCache.Entry<Authentication> hit = cache.find(token);
            // A remembered verdict stands only while its issuer's keys could still verify it unfetched.
            if (hit != null && keySets.keysStillUsable(hit.token().issuer())) {
                return binding.admit(token, hit.token(), hit.value(), request); // the proof is never cached
            }
        }
        Verification inline;
        try {
            // Keys already in memory: pure CPU work, done right here without a thread hop.
            inline = verifier.verify(token, KeyAccess.CACHED_ONLY);
        } catch (RuntimeException | StackOverflowError e) {
            inline = defect(e);
        }
        if (!(inline instanceof Verification.KeysNotCached)) {
            return outcome(token, inline, request);
        }
        // Keys must be fetched: off the event loop, and no longer than the fetch timeout; past it, keys
        // fetched earlier (stale period) still count, otherwise the answer is 503.
        return Mono.fromCallable(() -> verifier.verify(token, KeyAccess.FETCH_IF_NEEDED))
                .subscribeOn(blocking)
                .timeout(waitLimit, Mono.fromCallable(() -> verifier.verify(token, KeyAccess.CACHED_OR_STALE)))
                .onErrorResume(error -> Mono.just(defect(error)))
                .flatMap(verification -> outcome(token, verification, request));
    }

    /** A defect, not a verdict on the token: fail closed, and never log the token itself. */
    private static Verification defect(Throwable error) {
        LOG.error("Unexpected error while verifying a bearer token", error);
        return Verification.rejected(AuthenticationFailure.Reason.MALFORMED);
    }

    private Mono<Authentication> outcome(String token, Verification verification, HttpRequest<?> request) {
        if (verification instanceof Verification.Verified verified
                && introspector != null
                && introspector.introspectsJwtsOf(verified.token().issuer())) {
            // Revocation matters for this issuer: never from the verified-token cache, always asked (or its cache).
            return introspected(token, introspector.confirmJwt(token, verified.token()), request);
        }
        if (verification instanceof Verification.Verified verified) {
            Authentication authentication = toAuthentication(verified.token());
            if (cache != null) {
                cache.remember(token, verified.token(), authentication);
            }
            return binding.admit(token, verified.token(), authentication, request);
        }
        if (verification instanceof Verification.Rejected rejected) {
            AuthenticationFailures.record(request, rejected.failure());
        }
        return Mono.empty();
    }

    /** An introspection verdict: inline when remembered, else awaited no longer than the introspection timeout. */
    private Mono<Authentication> introspected(
            String token, CompletableFuture<Verification> pending, HttpRequest<?> request) {
        if (pending.isDone() && !pending.isCompletedExceptionally()) {
            return finish(token, pending.join(), request);
        }
        return Mono.fromFuture(pending, true) // a timed-out request must not cancel the call others share
                .timeout(introspector.timeout(), Mono.fromSupplier(introspector::unavailable))
                .onErrorResume(error -> Mono.just(defect(error)))
                .flatMap(verification -> finish(token, verification, request));
    }

    /** Introspected tokens are remembered by the introspection cache, not the verified-token cache. */
    private Mono<Authentication> finish(String token, Verification verification, HttpRequest<?> request) {
        if (verification instanceof Verification.Verified verified) {
            return binding.admit(token, verified.token(), toAuthentication(verified.token()), request);
        }
        if (verification instanceof Verification.Rejected rejected) {
            AuthenticationFailures.record(request, rejected.failure());
        }
        return Mono.empty();
    }

    /**
     * Name: the subject; roles: the granted scopes (so {@code @Secured("scope")} works too); attributes:
     * the claims plus the domain's {@link com.example.resourceserver.domain.caller.Caller}, built once
     * per verified token rather than once per request.
     */
    static Authentication toAuthentication(VerifiedToken token) {
        List<String> scopes = new ArrayList<>(token.caller().grantedScopes().size());
        for (Scope scope : token.caller().grantedScopes()) {
            scopes.add(scope.value());
        }
        Map<String, Object> attributes = new HashMap<>(token.claims());
        attributes.put(com.example.resourceserver.domain.caller.Caller.ATTRIBUTE, token.caller());
        return Authentication.build(token.caller().subject(), scopes, Collections.unmodifiableMap(attributes));
    }
}
