package com.example.resourceserver.auth.pipeline;

import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.CredentialScheme;
import java.util.Objects;

/**
 * What the pipeline decided about one request's credentials: the one result the glue records.
 *
 * @param <P> the framework's principal for an authenticated request
 */
public sealed interface AuthResult<P> {

    /** No credentials this service reads: no {@code Authorization} header, or one of another scheme. */
    record NoCredentials<P>() implements AuthResult<P> {}

    /** Credentials that worked, and the scheme they came with. */
    record Authenticated<P>(VerifiedToken token, P principal, CredentialScheme scheme) implements AuthResult<P> {
        public Authenticated {
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(scheme, "scheme");
        }
    }

    /**
     * Credentials that did not work, and the scheme they came with, in which the refusal is answered (RFC 9449
     * §7.1); null when no scheme was read (two {@code Authorization} headers).
     */
    record Refused<P>(AuthenticationFailure failure, CredentialScheme scheme) implements AuthResult<P> {
        public Refused {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
