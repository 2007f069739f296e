package com.example.resourceserver.auth.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One issuer's introspection endpoint and client, resolved and checked.
 *
 * @param endpoint       the configured endpoint; empty: {@code introspection_endpoint} from the issuer's metadata
 * @param clientId       the client this service authenticates as ({@code client_secret_basic})
 * @param clientSecret   its secret; never logged
 * @param introspectJwts whether this issuer's JWTs are introspected too, after local verification
 * @param signedAnswers  whether answers are asked for as RFC 9701 signed JWTs, and whether plain JSON still counts
 */
public record IntrospectionTarget(
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
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(signedAnswers, "signedAnswers");
    }

    /**
     * The target the settings of {@code entry} describe for issuer {@code issuerName}, empty when they name no
     * endpoint and no client; one sentence naming the setting when they cannot work.
     */
    static Optional<IntrospectionTarget> of(IssuerEntry entry, String issuerName, boolean insecureHttpAllowed) {
        String uri = entry.value(IssuerSetting.INTROSPECTION_URI);
        String clientId = entry.value(IssuerSetting.INTROSPECTION_CLIENT_ID);
        String secret = entry.value(IssuerSetting.INTROSPECTION_CLIENT_SECRET);
        boolean introspectJwts = isTrue(entry.value(IssuerSetting.INTROSPECT_JWTS));
        if (uri == null && clientId == null) {
            if (introspectJwts) {
                throw new InvalidAuthConfigurationException(entry.variable(IssuerSetting.INTROSPECT_JWTS)
                        + " needs an introspection endpoint and client for issuer '" + issuerName + "'.");
            }
            return Optional.empty();
        }
        if (clientId == null || secret == null) {
            throw new InvalidAuthConfigurationException(entry.variable(IssuerSetting.INTROSPECTION_CLIENT_ID)
                    + " and " + entry.variable(IssuerSetting.INTROSPECTION_CLIENT_SECRET)
                    + " must both be set to introspect tokens of issuer '" + issuerName + "' (client_secret_basic).");
        }
        Optional<URI> endpoint = uri == null
                ? Optional.empty()
                : Optional.of(
                        FetchableUrl.parse(uri, entry.variable(IssuerSetting.INTROSPECTION_URI), insecureHttpAllowed));
        return Optional.of(new IntrospectionTarget(endpoint, clientId, secret, introspectJwts, signedAnswers(entry)));
    }

    /** Whether the entry says anything about introspection (its endpoint or client). */
    static boolean configuredIn(IssuerEntry entry) {
        return entry.has(IssuerSetting.INTROSPECTION_URI) || entry.has(IssuerSetting.INTROSPECTION_CLIENT_ID);
    }

    private static SignedAnswers signedAnswers(IssuerEntry entry) {
        String text = entry.has(IssuerSetting.INTROSPECTION_SIGNED_RESPONSES)
                ? entry.value(IssuerSetting.INTROSPECTION_SIGNED_RESPONSES)
                : "none";
        for (SignedAnswers answers : SignedAnswers.values()) {
            if (answers.name().equalsIgnoreCase(text)) {
                return answers;
            }
        }
        throw new InvalidAuthConfigurationException(entry.variable(IssuerSetting.INTROSPECTION_SIGNED_RESPONSES)
                + " must be none, accepted or required, not '" + text + "'.");
    }

    /** Read as Micronaut reads a boolean setting: true, yes, y and on (any case) are true, anything else false. */
    static boolean isTrue(String value) {
        return value != null
                && switch (value.toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "yes", "y", "on" -> true;
                    default -> false;
                };
    }

    @Override
    public String toString() { // the secret stays out of every log line and exception message
        return "IntrospectionTarget[endpoint=" + endpoint.map(URI::toString).orElse("discovered") + ", clientId="
                + clientId + ", introspectJwts=" + introspectJwts + ", signedAnswers=" + signedAnswers + "]";
    }
}
