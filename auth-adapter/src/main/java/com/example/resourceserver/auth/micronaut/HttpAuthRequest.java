package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.pipeline.AuthRequest;
import com.example.resourceserver.domain.access.ResourceAddress;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import java.util.List;

/** The pipeline's view of a Micronaut request; each part is read only when the pipeline asks for it. */
record HttpAuthRequest(HttpRequest<?> request, ResourceAddress address) implements AuthRequest {

    static final String DPOP_HEADER = "DPoP";
    static final String QUERY_PARAMETER = "access_token";

    @Override
    public List<String> authorization() {
        return request.getHeaders().getAll(HttpHeaders.AUTHORIZATION);
    }

    @Override
    public List<String> dpopProofs() {
        return request.getHeaders().getAll(DPOP_HEADER);
    }

    @Override
    public boolean accessTokenInQuery() {
        String query = request.getUri().getRawQuery();
        return query != null
                && query.contains(QUERY_PARAMETER)
                && request.getParameters().contains(QUERY_PARAMETER);
    }

    @Override
    public String method() {
        return request.getMethodName();
    }

    @Override
    public String effectiveUri() {
        return address.requestUri(
                request.isSecure(),
                request.getHeaders().get(HttpHeaders.HOST),
                request.getUri().getRawPath());
    }
}
