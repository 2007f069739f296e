package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.DpopModes;
import com.example.resourceserver.auth.config.DpopSettings.Mode;
import com.example.resourceserver.auth.token.VerifiedToken;
import com.example.resourceserver.auth.token.dpop.ConfirmationClaim;
import com.example.resourceserver.auth.token.dpop.DpopOutcome;
import com.example.resourceserver.auth.token.dpop.DpopProofVerifier;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The last step for every token that passed its own checks, verified now, remembered by the verified-token
 * cache or vouched for by introspection: does the way it was presented fit its binding (RFC 9449 §7)?
 * <ul>
 *   <li>{@code Bearer}: refused when the token declares a DPoP binding ({@code cnf.jkt}, §7.2: a stolen bound
 *       token must not work without its key) or when its issuer's mode is {@code required};</li>
 *   <li>{@code DPoP}: refused when its issuer's mode is {@code disabled}; otherwise the proof is checked and
 *       used up by {@link DpopProofVerifier} on every request, whatever a cache knew about the token.</li>
 * </ul>
 * A proof whose use cannot be recorded (the replay store is unreachable) gets a 503, never an acceptance.
 */
@Singleton
public class DpopBinding {

    /** A replay store outage is short or needs an operator: try again in a second. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final DpopProofVerifier verifier;
    private final DpopModes modes;
    private final DpopRequestTarget target;
    private final Clock clock;
    private final Counter accepted;
    private final Counter refused;
    private final Counter unavailable;

    public DpopBinding(
            DpopProofVerifier verifier,
            DpopModes modes,
            DpopRequestTarget target,
            Clock clock,
            Optional<MeterRegistry> registry) {
        this.verifier = verifier;
        this.modes = modes;
        this.target = target;
        this.clock = clock;
        this.accepted = counter(registry, "accepted");
        this.refused = counter(registry, "refused");
        this.unavailable = counter(registry, "replay_store_unavailable");
    }

    /** {@code authentication} when the presentation fits the token; otherwise empty, with the failure recorded. */
    public Mono<Authentication> admit(
            String accessToken, VerifiedToken token, Authentication authentication, HttpRequest<?> request) {
        Object proof = request.getAttribute(AuthenticationFailures.DPOP_PROOF_ATTRIBUTE)
                .orElse(null);
        Mode mode = modes.of(token.issuer());
        if (!(proof instanceof String proofText)) {
            if (ConfirmationClaim.declaresDpopBinding(token.claims())) {
                return refuse(request, Reason.DPOP_BOUND_TOKEN_AS_BEARER);
            }
            return mode == Mode.REQUIRED ? refuse(request, Reason.DPOP_REQUIRED) : Mono.just(authentication);
        }
        if (mode == Mode.DISABLED) {
            return refuse(request, Reason.DPOP_NOT_ACCEPTED);
        }
        String boundThumbprint =
                ConfirmationClaim.boundThumbprint(token.claims()).orElse(null);
        return Mono.fromCompletionStage(verifier.verify(
                        proofText,
                        request.getMethodName(),
                        target.of(request),
                        accessToken,
                        boundThumbprint,
                        clock.instant()))
                .flatMap(outcome -> judged(outcome, authentication, request));
    }

    private Mono<Authentication> judged(DpopOutcome outcome, Authentication authentication, HttpRequest<?> request) {
        if (outcome instanceof DpopOutcome.Accepted) {
            count(accepted);
            return Mono.just(authentication);
        }
        if (outcome instanceof DpopOutcome.Refused refusal) {
            count(refused);
            return refuse(request, refusal.reason());
        }
        count(unavailable);
        AuthenticationFailures.record(request, AuthenticationFailure.replayStoreUnavailable(RETRY_AFTER));
        return Mono.empty();
    }

    private static Mono<Authentication> refuse(HttpRequest<?> request, Reason reason) {
        AuthenticationFailures.record(request, AuthenticationFailure.of(reason));
        return Mono.empty();
    }

    private static void count(Counter counter) {
        if (counter != null) { // no meter registry configured
            counter.increment();
        }
    }

    private static Counter counter(Optional<MeterRegistry> registry, String result) {
        return registry.map(r -> Counter.builder("dpop.proofs")
                        .description("DPoP proofs checked, by result (refusals by reason: authentication.outcomes)")
                        .tag("result", result)
                        .register(r))
                .orElse(null);
    }
}
