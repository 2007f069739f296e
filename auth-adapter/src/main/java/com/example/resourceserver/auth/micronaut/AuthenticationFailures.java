package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.domain.caller.AuthenticationFailure;
import io.micronaut.http.HttpRequest;

/**
 * Records why a request that carried credentials ended up anonymous. Micronaut Security's fetchers can
 * only answer "authenticated" or "not"; the reason travels as a request attribute to the web adapter,
 * which renders it (see {@link AuthenticationFailure#REQUEST_ATTRIBUTE}).
 */
final class AuthenticationFailures {

    private AuthenticationFailures() {
    }

    static void record(HttpRequest<?> request, AuthenticationFailure failure) {
        request.setAttribute(AuthenticationFailure.REQUEST_ATTRIBUTE, failure);
    }
}
