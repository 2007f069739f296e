package com.example.resourceserver.auth.pipeline;

import com.example.resourceserver.auth.config.DpopMode;
import com.example.resourceserver.auth.dpop.ConfirmationClaim;
import com.example.resourceserver.auth.dpop.DpopOutcome;
import com.example.resourceserver.auth.dpop.DpopProofVerifier;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The step every token takes after its issuer vouched for it (verified now, remembered by a verdict cache, or
 * introspected): does the way it was presented fit its binding (RFC 9449 §7)?
 * <ul>
 *   <li>{@code Bearer}: refused when the token declares a DPoP binding ({@code cnf.jkt}, §7.2: a stolen bound
 *       token must not work without its key) or when its issuer's mode is {@code required};</li>
 *   <li>{@code DPoP}: refused when its issuer's mode is {@code disabled}; otherwise the proof is checked and
 *       used up by {@link DpopProofVerifier} on every request, whatever a cache knew about the token.</li>
 * </ul>
 * A proof whose use cannot be recorded (the replay store is unreachable) gets a 503, never an acceptance.
 */
final class DpopBinding {

    /** A replay store outage is short or needs an operator: try again in a second. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private static final CompletableFuture<AuthenticationFailure> BOUND = CompletableFuture.completedFuture(null);

    private final DpopProofVerifier verifier;
    private final Clock clock;
    private final Consumer<DpopOutcome> observer;

    /** @param observer told of every proof's outcome (metrics) */
    DpopBinding(DpopProofVerifier verifier, Clock clock, Consumer<DpopOutcome> observer) {
        this.verifier = verifier;
        this.clock = clock;
        this.observer = observer;
    }

    /** Null when the presentation fits the token, else why not. */
    CompletionStage<AuthenticationFailure> check(
            Credentials.Presented credentials, VerifiedToken token, AuthRequest request) {
        DpopMode mode = token.issuer().dpopMode();
        if (credentials.proof() == null) {
            if (ConfirmationClaim.declaresDpopBinding(token.claims())) {
                return refused(Reason.DPOP_BOUND_TOKEN_AS_BEARER);
            }
            return mode == DpopMode.REQUIRED ? refused(Reason.DPOP_REQUIRED) : BOUND;
        }
        if (mode == DpopMode.DISABLED) {
            return refused(Reason.DPOP_NOT_ACCEPTED);
        }
        String boundThumbprint =
                ConfirmationClaim.boundThumbprint(token.claims()).orElse(null);
        return verifier.verify(
                        credentials.proof(),
                        request.method(),
                        request.effectiveUri(),
                        credentials.token(),
                        boundThumbprint,
                        clock.instant())
                .thenApply(outcome -> {
                    observer.accept(outcome);
                    if (outcome instanceof DpopOutcome.Accepted) {
                        return null;
                    }
                    return outcome instanceof DpopOutcome.Refused refusal
                            ? AuthenticationFailure.of(refusal.reason())
                            : AuthenticationFailure.replayStoreUnavailable(RETRY_AFTER);
                });
    }

    private static CompletableFuture<AuthenticationFailure> refused(Reason reason) {
        return CompletableFuture.completedFuture(AuthenticationFailure.of(reason));
    }
}
