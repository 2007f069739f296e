package com.example.resourceserver.auth.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One issuer's introspection endpoint, resolved and checked.
 *
 * @param issuer         whose tokens it vouches for
 * @param endpoint       the configured endpoint; empty: {@code introspection_endpoint} from the issuer's metadata
 * @param clientId       the client this service authenticates as ({@code client_secret_basic})
 * @param clientSecret   its secret; never logged
 * @param introspectJwts whether this issuer's JWTs are introspected too, after local verification
 */
public record IntrospectionTarget(
        TrustedIssuer issuer, Optional<URI> endpoint, String clientId, String clientSecret, boolean introspectJwts) {

    public IntrospectionTarget {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() { // the secret stays out of every log line and exception message
        return "IntrospectionTarget[issuer=" + issuer.name() + ", endpoint="
                + endpoint.map(URI::toString).orElse("discovered") + ", clientId=" + clientId + ", introspectJwts="
                + introspectJwts + "]";
    }
}
