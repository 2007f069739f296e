package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.CredentialScheme;
import com.example.resourceserver.domain.caller.RequiredCredentials;
import io.micronaut.http.HttpRequest;

/**
 * Records on the request what the auth adapter decided about its credentials. Micronaut Security's
 * fetchers can only answer "authenticated" or "not"; the rest travels as request attributes of domain
 * types to the web adapter, which renders and logs them without knowing this adapter:
 * <ul>
 *   <li>why a request that carried credentials ended up anonymous ({@link AuthenticationFailure#REQUEST_ATTRIBUTE});</li>
 *   <li>on routes that require authentication, whether credentials came at all
 *       ({@link RequiredCredentials#REQUEST_ATTRIBUTE}; see {@link StrictBearerTokenReader});</li>
 *   <li>the scheme the token came with ({@link CredentialScheme#REQUEST_ATTRIBUTE}), so that a refusal is
 *       answered in that scheme (RFC 9449 §7.1).</li>
 * </ul>
 * The DPoP proof itself travels under {@link #DPOP_PROOF_ATTRIBUTE}, from the reader to {@link DpopBinding}.
 */
final class AuthenticationFailures {

    /** The {@code DPoP} header's value, set only on requests that use the DPoP scheme. */
    static final String DPOP_PROOF_ATTRIBUTE = "resourceserver.dpop-proof";

    private AuthenticationFailures() {}

    static void record(HttpRequest<?> request, AuthenticationFailure failure) {
        request.setAttribute(AuthenticationFailure.REQUEST_ATTRIBUTE, failure);
    }

    static void recordScheme(HttpRequest<?> request, CredentialScheme scheme) {
        request.setAttribute(CredentialScheme.REQUEST_ATTRIBUTE, scheme);
    }

    static void recordCredentials(HttpRequest<?> request, RequiredCredentials credentials) {
        request.setAttribute(RequiredCredentials.REQUEST_ATTRIBUTE, credentials);
    }
}
