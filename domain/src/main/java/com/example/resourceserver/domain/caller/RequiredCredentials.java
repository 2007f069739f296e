package com.example.resourceserver.domain.caller;

/**
 * Whether a request to a route that requires authentication came with credentials.
 *
 * <p>The adapter that reads credentials is the only one that decides which routes require
 * authentication. It records this value for those requests and for no others, so a request without it
 * needed no authentication, whatever it carried. What became of presented credentials is recorded
 * apart: an {@link AuthenticationFailure} when they did not work, nothing when they did.
 */
public enum RequiredCredentials {

    /** None that this service reads: no {@code Authorization} header, or one of another scheme. */
    MISSING,

    /** Credentials were presented (well formed or not) and handed on to be judged. */
    PRESENTED;

    /** The name under which adapters carry this value alongside the request it belongs to. */
    public static final String REQUEST_ATTRIBUTE = "resourceserver.required-credentials";
}
