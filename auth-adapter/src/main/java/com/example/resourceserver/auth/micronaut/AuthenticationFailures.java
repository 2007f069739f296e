package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.RequiredCredentials;
import io.micronaut.http.HttpRequest;

/**
 * Records on the request what the auth adapter decided about its credentials. Micronaut Security's
 * fetchers can only answer "authenticated" or "not"; the rest travels as request attributes of domain
 * types to the web adapter, which renders and logs them without knowing this adapter:
 * <ul>
 *   <li>why a request that carried credentials ended up anonymous ({@link AuthenticationFailure#REQUEST_ATTRIBUTE});</li>
 *   <li>on routes that require authentication, whether credentials came at all
 *       ({@link RequiredCredentials#REQUEST_ATTRIBUTE}; see {@link StrictBearerTokenReader}).</li>
 * </ul>
 */
final class AuthenticationFailures {

    private AuthenticationFailures() {}

    static void record(HttpRequest<?> request, AuthenticationFailure failure) {
        request.setAttribute(AuthenticationFailure.REQUEST_ATTRIBUTE, failure);
    }

    static void recordCredentials(HttpRequest<?> request, RequiredCredentials credentials) {
        request.setAttribute(RequiredCredentials.REQUEST_ATTRIBUTE, credentials);
    }
}
