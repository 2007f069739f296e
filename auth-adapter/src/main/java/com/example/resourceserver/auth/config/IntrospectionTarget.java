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
 * @param signedAnswers  whether answers are asked for as RFC 9701 signed JWTs, and whether plain JSON still counts
 */
public record IntrospectionTarget(
        TrustedIssuer issuer,
        Optional<URI> endpoint,
        String clientId,
        String clientSecret,
        boolean introspectJwts,
        SignedAnswers signedAnswers) {

    /**
     * RFC 9701 JWT introspection responses ({@code AUTH_INTROSPECTION_SIGNED_RESPONSES}): {@code NONE} asks
     * for JSON only (a JWT answer is then not understood: 503); {@code ACCEPTED} prefers a signed JWT and
     * verifies it when one comes, but takes plain JSON too; {@code REQUIRED} asks for a signed JWT only and
     * treats any other answer as a failure.
     */
    public enum SignedAnswers {
        NONE,
        ACCEPTED,
        REQUIRED
    }

    public IntrospectionTarget {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(signedAnswers, "signedAnswers");
    }

    /** A target whose answers are plain JSON ({@link SignedAnswers#NONE}). */
    public IntrospectionTarget(
            TrustedIssuer issuer,
            Optional<URI> endpoint,
            String clientId,
            String clientSecret,
            boolean introspectJwts) {
        this(issuer, endpoint, clientId, clientSecret, introspectJwts, SignedAnswers.NONE);
    }

    @Override
    public String toString() { // the secret stays out of every log line and exception message
        return "IntrospectionTarget[issuer=" + issuer.name() + ", endpoint="
                + endpoint.map(URI::toString).orElse("discovered") + ", clientId=" + clientId + ", introspectJwts="
                + introspectJwts + ", signedAnswers=" + signedAnswers + "]";
    }
}
