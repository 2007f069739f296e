package com.example.resourceserver.auth.pipeline;

import java.util.List;

/**
 * What the pipeline needs of one HTTP request, read only when needed. The glue implements it over the
 * framework's request, so that the pipeline is tested without a server.
 */
public interface AuthRequest {

    /** Every {@code Authorization} header value, in order. */
    List<String> authorization();

    /** Every {@code DPoP} header value, in order. */
    List<String> dpopProofs();

    /** Whether the query string carries an {@code access_token} parameter (RFC 6750 §2.3). */
    boolean accessTokenInQuery();

    /** The request method, as received. */
    String method();

    /** The URI the client used, without query and fragment (RFC 9449 §4.3 point 9's {@code htu}). */
    String effectiveUri();
}
