package com.example.resourceserver.auth.pipeline;

import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.dpop.DpopOutcome;
import com.example.resourceserver.auth.dpop.DpopProofVerifier;
import com.example.resourceserver.auth.introspection.IntrospectionObserver;
import com.example.resourceserver.auth.issuer.Issuer;
import com.example.resourceserver.auth.issuer.Issuers;
import com.example.resourceserver.auth.issuer.Verification;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.pipeline.VerdictCache.Verdict;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one request pipeline: the credentials of a request to a protected route in, one {@link AuthResult} out.
 *
 * <ol>
 *   <li>read the credentials ({@link Credentials}: scheme, token, DPoP proof, or why they are unreadable);</li>
 *   <li>have the token vouched for ({@link TokenVouching}): a verdict cache, else a JWT verified by the issuer
 *       its {@code iss} names, or an opaque token introspected by the issuer that introspects; a JWT of an
 *       issuer that introspects JWTs is confirmed active too;</li>
 *   <li>check that the way it came fits its binding ({@link DpopBinding}), on every request, whatever a cache
 *       knew about the token.</li>
 * </ol>
 * Framework-free: the glue hands in the request ({@link AuthRequest}), records the result on it once, and
 * makes the framework's principal ({@code P}, built once per vouched-for token) from a {@link VerifiedToken}.
 * An unexpected exception is a defect, not a verdict: it fails closed, and the token never reaches the log.
 *
 * @param <P> the framework's principal
 */
public final class RequestAuthenticator<P> {

    private static final Logger LOG = LoggerFactory.getLogger(RequestAuthenticator.class);

    private final boolean dpopRead;
    private final TokenVouching<P> vouching;
    private final DpopBinding binding;

    RequestAuthenticator(boolean dpopRead, TokenVouching<P> vouching, DpopBinding binding) {
        this.dpopRead = dpopRead;
        this.vouching = vouching;
        this.binding = binding;
    }

    /**
     * The pipeline for this configuration. Its verdict caches are handed in (the glue reports their metrics);
     * accepted JWTs signed by a key that leaves its issuer's key set are dropped from {@code tokens} then.
     *
     * @param tokens       the verified-token cache, empty when it is switched off
     * @param introspected the introspection answers' cache
     * @param principals   the framework's principal for a vouched-for token, built once per cached verdict
     * @param dpopOutcomes told of every DPoP proof's outcome
     */
    public static <P> RequestAuthenticator<P> create(
            AuthConfiguration configuration,
            Issuers issuers,
            JwsReader reader,
            DpopProofVerifier proofs,
            Optional<VerdictCache<P>> tokens,
            VerdictCache<P> introspected,
            Function<VerifiedToken, P> principals,
            Executor blocking,
            Clock clock,
            Consumer<DpopOutcome> dpopOutcomes,
            IntrospectionObserver introspectionOutcomes) {
        tokens.ifPresent(cache -> {
            for (Issuer issuer : issuers.all()) {
                issuer.keys().onKeySetChange(keys -> cache.keySetChanged(issuer, keys));
            }
        });
        TokenVouching<P> vouching = new TokenVouching<>(
                issuers,
                reader,
                configuration.policy(),
                tokens,
                introspected,
                principals,
                blocking,
                configuration.jwks().getFetchTimeout(),
                configuration.introspection().getMaxTokenLength(),
                introspectionOutcomes);
        return new RequestAuthenticator<>(
                configuration.someAcceptDpop(), vouching, new DpopBinding(proofs, clock, dpopOutcomes));
    }

    public CompletionStage<AuthResult<P>> authenticate(AuthRequest request) {
        Credentials credentials;
        try {
            credentials = Credentials.read(request, dpopRead);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(defect(e, null));
        }
        if (credentials instanceof Credentials.Unreadable unreadable) {
            return CompletableFuture.completedFuture(
                    new AuthResult.Refused<>(unreadable.failure(), unreadable.scheme()));
        }
        if (!(credentials instanceof Credentials.Presented presented)) {
            return CompletableFuture.completedFuture(new AuthResult.NoCredentials<>());
        }
        CompletionStage<Verdict<P>> verdict;
        try {
            verdict = vouching.vouch(presented.token());
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(defect(e, presented));
        }
        return verdict.thenCompose(vouched -> bound(vouched, presented, request))
                .exceptionally(error -> defect(error, presented));
    }

    private CompletionStage<AuthResult<P>> bound(
            Verdict<P> verdict, Credentials.Presented presented, AuthRequest request) {
        if (verdict instanceof Verdict.Refused<P> refused) {
            return CompletableFuture.completedFuture(new AuthResult.Refused<>(refused.failure(), presented.scheme()));
        }
        Verdict.Accepted<P> accepted = (Verdict.Accepted<P>) verdict;
        Function<AuthenticationFailure, AuthResult<P>> result = failure -> failure == null
                ? new AuthResult.Authenticated<>(accepted.token(), accepted.principal(), presented.scheme())
                : new AuthResult.Refused<>(failure, presented.scheme());
        return binding.check(presented, accepted.token(), request).thenApply(result);
    }

    /** A defect, not a verdict on the token: fail closed, and never log the token itself. */
    private AuthResult<P> defect(Throwable error, Credentials.Presented presented) {
        LOG.error("Unexpected error while authenticating a request", error);
        return new AuthResult.Refused<>(
                AuthenticationFailure.of(Reason.MALFORMED), presented == null ? null : presented.scheme());
    }

    /** Only {@link Verification.Verified} becomes a verdict to remember; the rest are refusals. */
    static <P> Verdict<P> verdictOf(Verification verification, Function<VerifiedToken, P> principals, long weight) {
        if (verification instanceof Verification.Verified verified) {
            return new Verdict.Accepted<>(verified.token(), principals.apply(verified.token()), weight);
        }
        if (verification instanceof Verification.Rejected rejected) {
            return new Verdict.Refused<>(rejected.failure());
        }
        throw new IllegalStateException("keys not cached is no verdict");
    }
}
