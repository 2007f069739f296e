package com.example.resourceserver.web.errors;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.http.server.annotation.PreMatching;

/**
 * Gives the JSON error body to refusals that filters answer with an empty body, such as Micronaut's
 * CORS filter (403 for a preflight it does not allow), so that every response is JSON. Outermost
 * filter, so its response side sees the answers of all the others.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class ErrorBodyFilter implements Ordered {

    private final ErrorResponses errors;

    public ErrorBodyFilter(ErrorResponses errors) {
        this.errors = errors;
    }

    /** Refusals from pre-matching filters, such as Micronaut's CORS preflight check. */
    @PreMatching
    @ResponseFilter
    public void fillEmptyErrorBodyBeforeRouting(HttpRequest<?> request, MutableHttpResponse<?> response) {
        fillEmptyErrorBody(request, response);
    }

    /** Refusals from ordinary filters, such as the CORS check of an actual cross-origin request. */
    @ResponseFilter
    public void fillEmptyErrorBody(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.code() >= 400 && response.getBody().isEmpty() && request.getMethod() != HttpMethod.HEAD) {
            response.body(errors.bodyFor(response.code())).contentType(MediaType.APPLICATION_JSON_TYPE);
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.order();
    }
}
