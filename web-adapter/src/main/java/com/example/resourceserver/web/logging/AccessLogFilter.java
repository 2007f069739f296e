package com.example.resourceserver.web.logging;

import com.example.resourceserver.domain.caller.AuthenticationFailure;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteInfo;
import io.micronaut.web.router.RouteAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One structured line per request on the {@code access} logger (method, route template, status,
 * duration, authentication outcome, request id), the {@code X-Request-Id} response header, and the
 * {@code authentication_outcomes_total{outcome,reason}} counter for protected routes.
 *
 * <p>The request id is the caller's {@code X-Request-Id} when it is well formed (1 to 64 characters of
 * letters, digits, {@code . _ : -}), else a new random one: a caller cannot inject log syntax or huge
 * values through it. Nothing from the {@code Authorization} header is ever logged.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccessLogFilter implements Ordered {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String REQUEST_ID_ATTRIBUTE = "resourceserver.request-id";
    static final String START_ATTRIBUTE = "resourceserver.request-start";
    static final int MAX_REQUEST_ID_LENGTH = 64;

    private static final Logger ACCESS = LoggerFactory.getLogger("access");

    private final MeterRegistry registry;
    private final Map<Outcome, Map<String, Counter>> outcomeCounters = new ConcurrentHashMap<>();
    private static final Map<RouteInfo<?>, Boolean> PROTECTED_ROUTES = new ConcurrentHashMap<>();

    public AccessLogFilter(@Nullable MeterRegistry registry) {
        this.registry = registry;
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        request.setAttribute(START_ATTRIBUTE, System.nanoTime());
        request.setAttribute(REQUEST_ID_ATTRIBUTE, requestId(request.getHeaders().get(REQUEST_ID_HEADER)));
    }

    @ResponseFilter
    public void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long start = request.getAttribute(START_ATTRIBUTE, Long.class).orElse(System.nanoTime());
        String requestId = request.getAttribute(REQUEST_ID_ATTRIBUTE, String.class).orElseGet(() -> requestId(null));
        response.header(REQUEST_ID_HEADER, requestId);

        RouteMatch<?> route = RouteAttributes.getRouteMatch(request).orElse(null);
        Outcome outcome = outcome(request, response.code(), route);
        String reason = reasonOf(request, outcome);
        if (outcome != Outcome.NOT_REQUIRED && registry != null) {
            outcomeCounters.computeIfAbsent(outcome, o -> new ConcurrentHashMap<>())
                    .computeIfAbsent(reason, r -> Counter.builder("authentication.outcomes")
                            .description("Authentication outcomes of requests to protected routes")
                            .tag("outcome", outcome.label).tag("reason", r).register(registry))
                    .increment();
        }
        if (ACCESS.isInfoEnabled()) {
            ACCESS.atInfo()
                    .addKeyValue("request_id", requestId)
                    .addKeyValue("method", request.getMethodName())
                    .addKeyValue("route", routeTemplate(route))
                    .addKeyValue("status", response.code())
                    .addKeyValue("duration_ms", (System.nanoTime() - start) / 1_000_000.0)
                    .addKeyValue("auth", outcome.label)
                    .addKeyValue("auth_reason", reason)
                    .log("request");
        }
    }

    /** How authentication went for this request. */
    enum Outcome {
        NOT_REQUIRED("not_required"), OK("ok"), MISSING("missing"), INVALID_REQUEST("invalid_request"),
        INVALID_TOKEN("invalid_token"), INSUFFICIENT_SCOPE("insufficient_scope"), KEYS_UNAVAILABLE("keys_unavailable");

        final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    static Outcome outcome(HttpRequest<?> request, int status, @Nullable RouteMatch<?> route) {
        if (route == null || !isProtected(route)) {
            return Outcome.NOT_REQUIRED; // also when a token was sent to, say, /health: it does not count
        }
        Object failure = request.getAttribute(AuthenticationFailure.REQUEST_ATTRIBUTE).orElse(null);
        if (failure instanceof AuthenticationFailure f) {
            return switch (f.kind()) {
                case INVALID_REQUEST -> Outcome.INVALID_REQUEST;
                case INVALID_TOKEN -> Outcome.INVALID_TOKEN;
                case KEYS_UNAVAILABLE -> Outcome.KEYS_UNAVAILABLE;
            };
        }
        if (status == 401) {
            return Outcome.MISSING;
        }
        if (status == 403) {
            return Outcome.INSUFFICIENT_SCOPE;
        }
        return Outcome.OK;
    }

    /** Metric and log label of each failure reason, built once. */
    private static final Map<AuthenticationFailure.Reason, String> REASON_LABELS = reasonLabels();

    /** The cause behind the outcome: a failure's reason, {@code missing_scope}, or {@code none}. */
    private static String reasonOf(HttpRequest<?> request, Outcome outcome) {
        if (outcome == Outcome.NOT_REQUIRED) {
            return "none"; // a token sent to a route that needs none does not count, whatever it was
        }
        Object failure = request.getAttribute(AuthenticationFailure.REQUEST_ATTRIBUTE).orElse(null);
        if (failure instanceof AuthenticationFailure f) {
            return REASON_LABELS.get(f.reason());
        }
        return outcome == Outcome.INSUFFICIENT_SCOPE ? "missing_scope" : "none";
    }

    private static Map<AuthenticationFailure.Reason, String> reasonLabels() {
        Map<AuthenticationFailure.Reason, String> labels = new java.util.EnumMap<>(AuthenticationFailure.Reason.class);
        for (AuthenticationFailure.Reason reason : AuthenticationFailure.Reason.values()) {
            labels.put(reason, reason.name().toLowerCase(Locale.ROOT));
        }
        return labels;
    }

    /** A route that asks for credentials with {@code @Secured} (management endpoints do not); decided once per route. */
    private static boolean isProtected(RouteMatch<?> route) {
        return PROTECTED_ROUTES.computeIfAbsent(route.getRouteInfo(), info -> {
            String[] values = info.getAnnotationMetadata().stringValues(Secured.class);
            for (String value : values) {
                if (SecurityRule.IS_ANONYMOUS.equals(value)) {
                    return false;
                }
            }
            return values.length > 0;
        });
    }

    private static String routeTemplate(@Nullable RouteMatch<?> route) {
        RouteInfo<?> info = route == null ? null : route.getRouteInfo();
        return info instanceof UriRouteInfo<?, ?> uri ? uri.getUriMatchTemplate().toPathString() : "unmatched";
    }

    /** The caller's id when well formed, else a fresh random one (128 bits, hex). */
    static String requestId(@Nullable String incoming) {
        if (incoming != null && !incoming.isEmpty() && incoming.length() <= MAX_REQUEST_ID_LENGTH) {
            boolean wellFormed = true;
            for (int i = 0; i < incoming.length() && wellFormed; i++) {
                char c = incoming.charAt(i);
                wellFormed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '.' || c == '_' || c == ':' || c == '-';
            }
            if (wellFormed) {
                return incoming;
            }
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
