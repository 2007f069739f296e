package com.example.resourceserver.auth.testing;

import com.example.resourceserver.auth.pipeline.AuthRequest;
import java.util.List;

/** A request as the pipeline sees it, written out: headers, query, method and the URI the client used. */
public record TestRequest(
        List<String> authorization,
        List<String> dpopProofs,
        boolean accessTokenInQuery,
        String method,
        String effectiveUri)
        implements AuthRequest {

    public static final String URI = "https://api.example/api/private";

    /** {@code GET} with {@code Authorization: Bearer <token>}. */
    public static TestRequest bearer(String token) {
        return new TestRequest(List.of("Bearer " + token), List.of(), false, "GET", URI);
    }

    /** {@code GET} with {@code Authorization: DPoP <token>} and one {@code DPoP} header. */
    public static TestRequest dpop(String token, String proof) {
        return new TestRequest(List.of("DPoP " + token), List.of(proof), false, "GET", URI);
    }

    /** {@code GET} with these {@code Authorization} header values and no proof. */
    public static TestRequest authorizedBy(String... values) {
        return new TestRequest(List.of(values), List.of(), false, "GET", URI);
    }

    public TestRequest withProofs(String... proofs) {
        return new TestRequest(authorization, List.of(proofs), accessTokenInQuery, method, effectiveUri);
    }

    public TestRequest withAccessTokenInQuery() {
        return new TestRequest(authorization, dpopProofs, true, method, effectiveUri);
    }
}
