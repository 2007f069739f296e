package com.example.resourceserver.web.logging;

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
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteInfo;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JSON line per request on the {@code access} logger (method, route template, status, duration,
 * authentication outcome, request id, and the trace id when tracing is on; see {@link AccessLine}), the {@code X-Request-Id} response header, and the
 * {@code authentication_outcomes_total{outcome,reason}} counter for routes that require authentication.
 *
 * <p>It decides nothing about authentication: it reads what the deciding components recorded (see
 * {@link AuthenticationOutcome}). Request ids follow {@link RequestIds}. Nothing from the
 * {@code Authorization} header is ever logged.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AccessLogFilter implements Ordered {

    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    static final String REQUEST_ID_ATTRIBUTE = "resourceserver.request-id";
    static final String START_ATTRIBUTE = "resourceserver.request-start";
    /**
     * The trace id of the request's server span, when tracing is on: {@link ServerSpanAttributes} records it
     * as the span ends, which is before this filter's response side runs (the tracing filter is inside it).
     */
    static final String TRACE_ID_ATTRIBUTE = "resourceserver.trace-id";

    private static final Logger ACCESS = LoggerFactory.getLogger("access");

    private final MeterRegistry registry;
    private final Map<AuthenticationOutcome, Map<String, Counter>> outcomeCounters = new ConcurrentHashMap<>();

    public AccessLogFilter(@Nullable MeterRegistry registry) {
        this.registry = registry;
    }

    @RequestFilter
    public void start(HttpRequest<?> request) {
        request.setAttribute(START_ATTRIBUTE, System.nanoTime());
        request.setAttribute(
                REQUEST_ID_ATTRIBUTE, RequestIds.accept(request.getHeaders().get(REQUEST_ID_HEADER)));
    }

    @ResponseFilter
    public void finish(HttpRequest<?> request, MutableHttpResponse<?> response) {
        long start = request.getAttribute(START_ATTRIBUTE, Long.class).orElse(System.nanoTime());
        String requestId =
                request.getAttribute(REQUEST_ID_ATTRIBUTE, String.class).orElseGet(RequestIds::random);
        response.header(REQUEST_ID_HEADER, requestId);

        AuthenticationOutcome.Recorded recorded = AuthenticationOutcome.recorded(request, response);
        AuthenticationOutcome outcome = recorded.outcome();
        String reason = recorded.reason();
        if (outcome != AuthenticationOutcome.NOT_REQUIRED && registry != null) {
            count(outcome, reason);
        }
        if (ACCESS.isInfoEnabled()) {
            ACCESS.info(AccessLine.of(
                    System.currentTimeMillis(),
                    requestId,
                    request.getAttribute(TRACE_ID_ATTRIBUTE, String.class).orElse(null),
                    request.getMethodName(),
                    routeTemplate(RouteAttributes.getRouteMatch(request).orElse(null)),
                    response.code(),
                    System.nanoTime() - start,
                    outcome.label,
                    reason));
        }
    }

    /** One counter per outcome and reason, registered on first use. */
    private void count(AuthenticationOutcome outcome, String reason) {
        outcomeCounters
                .computeIfAbsent(outcome, o -> new ConcurrentHashMap<>())
                .computeIfAbsent(
                        reason,
                        r -> Counter.builder("authentication.outcomes")
                                .description("Authentication outcomes of requests to protected routes")
                                .tag("outcome", outcome.label)
                                .tag("reason", r)
                                .register(registry))
                .increment();
    }

    private static String routeTemplate(@Nullable RouteMatch<?> route) {
        RouteInfo<?> info = route == null ? null : route.getRouteInfo();
        return info instanceof UriRouteInfo<?, ?> uri
                ? uri.getUriMatchTemplate().toPathString()
                : "unmatched";
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
