package com.example.resourceserver.web.errors;

import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * Gives framework errors (404, 405, 413, 500, ...) the same JSON shape as ours and nothing else: no
 * framework message, class name, link or stack trace. Replaces Micronaut's default processor, which
 * echoes exception messages and answers HTML to browsers.
 */
@Singleton
public class JsonErrorResponseProcessor implements ErrorResponseProcessor<ErrorBody> {

    private final ErrorResponses errors;

    public JsonErrorResponseProcessor(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<ErrorBody> processResponse(
            ErrorContext errorContext, MutableHttpResponse<?> baseResponse) {
        MutableHttpResponse<ErrorBody> response = (MutableHttpResponse<ErrorBody>) baseResponse;
        if (response.getBody().isPresent() && response.getBody().get() instanceof ErrorBody) {
            return response;
        }
        return response.body(errors.bodyFor(response.code())).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
