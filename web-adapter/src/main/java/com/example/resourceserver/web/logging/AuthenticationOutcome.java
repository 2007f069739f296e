package com.example.resourceserver.web.logging;

import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.RequiredCredentials;
import com.example.resourceserver.web.errors.ErrorResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * How authentication went for one request, with the metric and log labels of each outcome and
 * reason. Composed only from what the deciding components recorded, never guessed from the status:
 * <ul>
 *   <li>the token reader, which alone decides which routes require authentication, records
 *       {@link RequiredCredentials} on those requests; nothing recorded means not required;</li>
 *   <li>the reader and the validator record an {@link AuthenticationFailure} when credentials did not work;</li>
 *   <li>the rendering of {@code insufficient_scope} marks its response (see
 *       {@link com.example.resourceserver.web.errors.ErrorResponses#INSUFFICIENT_SCOPE_ATTRIBUTE}).</li>
 * </ul>
 */
enum AuthenticationOutcome {
    NOT_REQUIRED("not_required"),
    OK("ok"),
    MISSING("missing"),
    INVALID_REQUEST("invalid_request"),
    INVALID_TOKEN("invalid_token"),
    INVALID_DPOP_PROOF("invalid_dpop_proof"),
    INSUFFICIENT_SCOPE("insufficient_scope"),
    KEYS_UNAVAILABLE("keys_unavailable");

    static final String NO_REASON = "none";
    static final String MISSING_SCOPE_REASON = "missing_scope";

    /** Label of each failure reason, built once. */
    private static final Map<AuthenticationFailure.Reason, String> REASON_LABELS = reasonLabels();

    final String label;

    AuthenticationOutcome(String label) {
        this.label = label;
    }

    /**
     * @param credentials   what the reader recorded; {@code null} when the route requires no authentication
     * @param failure       why the credentials did not work, if they did not
     * @param scopeRefused  whether the answer was {@code insufficient_scope}
     */
    static AuthenticationOutcome of(
            @Nullable RequiredCredentials credentials, @Nullable AuthenticationFailure failure, boolean scopeRefused) {
        if (credentials == null) {
            return NOT_REQUIRED; // also when a token was sent to, say, /health: it does not count
        }
        if (failure != null) {
            return switch (failure.kind()) {
                case INVALID_REQUEST -> INVALID_REQUEST;
                case INVALID_TOKEN -> INVALID_TOKEN;
                case INVALID_DPOP_PROOF -> INVALID_DPOP_PROOF;
                case KEYS_UNAVAILABLE -> KEYS_UNAVAILABLE;
            };
        }
        if (credentials == RequiredCredentials.MISSING) {
            return MISSING;
        }
        return scopeRefused ? INSUFFICIENT_SCOPE : OK;
    }

    /** An outcome with its reason label. */
    record Recorded(AuthenticationOutcome outcome, String reason) {}

    /**
     * The outcome of this exchange from what the deciders recorded on the request and the response (which is
     * null when the exchange failed before one was made).
     */
    static Recorded recorded(HttpRequest<?> request, @Nullable HttpResponse<?> response) {
        RequiredCredentials credentials =
                attribute(request, RequiredCredentials.REQUEST_ATTRIBUTE, RequiredCredentials.class);
        if (credentials == null) { // the route requires no authentication: nothing more to look up
            return new Recorded(NOT_REQUIRED, NO_REASON);
        }
        AuthenticationFailure failure =
                attribute(request, AuthenticationFailure.REQUEST_ATTRIBUTE, AuthenticationFailure.class);
        boolean scopeRefused = response != null
                && response.getAttribute(ErrorResponses.INSUFFICIENT_SCOPE_ATTRIBUTE)
                        .isPresent();
        AuthenticationOutcome outcome = of(credentials, failure, scopeRefused);
        return new Recorded(outcome, outcome.reason(failure));
    }

    @Nullable
    private static <T> T attribute(HttpRequest<?> request, String name, Class<T> type) {
        Object value = request.getAttribute(name).orElse(null);
        return type.isInstance(value) ? type.cast(value) : null;
    }

    /** The cause behind this outcome: a failure's reason, {@code missing_scope}, or {@code none}. */
    String reason(@Nullable AuthenticationFailure failure) {
        return switch (this) {
            case INVALID_REQUEST, INVALID_TOKEN, INVALID_DPOP_PROOF, KEYS_UNAVAILABLE ->
                REASON_LABELS.get(failure.reason());
            case INSUFFICIENT_SCOPE -> MISSING_SCOPE_REASON;
            default -> NO_REASON; // a token sent to a route that needs none does not count, whatever it was
        };
    }

    private static Map<AuthenticationFailure.Reason, String> reasonLabels() {
        Map<AuthenticationFailure.Reason, String> labels = new EnumMap<>(AuthenticationFailure.Reason.class);
        for (AuthenticationFailure.Reason reason : AuthenticationFailure.Reason.values()) {
            labels.put(reason, reason.name().toLowerCase(Locale.ROOT));
        }
        return labels;
    }
}
