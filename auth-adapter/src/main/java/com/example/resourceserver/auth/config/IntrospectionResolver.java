package com.example.resourceserver.auth.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks the introspection settings against the resolved issuers: which issuers introspect, where, as
 * which client. A setting that cannot work stops startup with one sentence naming the variable.
 */
public final class IntrospectionResolver {

    private IntrospectionResolver() {}

    /** The issuers with an introspection endpoint, in configuration order; empty when none is configured. */
    public static List<IntrospectionTarget> resolve(
            IntrospectionSettings settings, List<IssuerIntrospectionSettings> named, AuthConfiguration configuration) {
        checkLimits(settings);
        List<IntrospectionTarget> targets = new ArrayList<>();
        for (TrustedIssuer issuer : configuration.issuers()) {
            Optional<IntrospectionTarget> target = named.stream()
                    .filter(entry -> entry.getName().equals(issuer.name()))
                    .findFirst()
                    .flatMap(entry -> target(
                            issuer,
                            entry.getIntrospectionUri(),
                            entry.getIntrospectionClientId(),
                            entry.getIntrospectionClientSecret(),
                            entry.isIntrospectJwts(),
                            entry.getIntrospectionSignedResponses(),
                            Names.of(issuer.name()),
                            configuration.insecureHttpAllowed()));
            if (target.isEmpty() && ownsTopLevel(issuer, configuration)) {
                target = target(
                        issuer,
                        settings.getUri(),
                        settings.getClientId(),
                        settings.getClientSecret(),
                        settings.isIntrospectJwts(),
                        settings.getSignedResponses(),
                        Names.TOP_LEVEL,
                        configuration.insecureHttpAllowed());
            }
            target.ifPresent(targets::add);
        }
        boolean topLevelSet = !blank(settings.getUri()) || !blank(settings.getClientId());
        if (topLevelSet && configuration.issuers().stream().noneMatch(i -> ownsTopLevel(i, configuration))) {
            throw new InvalidAuthConfigurationException(
                    "AUTH_INTROSPECTION_URI and AUTH_INTROSPECTION_CLIENT_ID belong "
                            + "to the top-level AUTH_ISSUER; with several named issuers set auth.issuers.<name>.introspection-* instead.");
        }
        return List.copyOf(targets);
    }

    /** The top-level settings belong to the issuer named default, or to the only issuer there is. */
    private static boolean ownsTopLevel(TrustedIssuer issuer, AuthConfiguration configuration) {
        return issuer.name().equals("default") || configuration.issuers().size() == 1;
    }

    private static Optional<IntrospectionTarget> target(
            TrustedIssuer issuer,
            String uri,
            String clientId,
            String secret,
            boolean introspectJwts,
            String signedResponses,
            Names names,
            boolean insecureHttpAllowed) {
        boolean hasUri = !blank(uri);
        boolean hasClient = !blank(clientId);
        if (!hasUri && !hasClient) {
            if (introspectJwts) {
                throw new InvalidAuthConfigurationException(names.jwts() + " needs an "
                        + "introspection endpoint and client for issuer '" + issuer.name() + "'.");
            }
            return Optional.empty();
        }
        if (!hasClient || blank(secret)) {
            throw new InvalidAuthConfigurationException(names.clientId() + " and "
                    + names.secret() + " must both be set to introspect tokens of issuer '"
                    + issuer.name() + "' (client_secret_basic).");
        }
        Optional<java.net.URI> endpoint = hasUri
                ? Optional.of(FetchableUrl.parse(uri.strip(), names.uri(), insecureHttpAllowed))
                : Optional.empty();
        return Optional.of(new IntrospectionTarget(
                issuer, endpoint, clientId.strip(), secret, introspectJwts, signedAnswers(signedResponses, names)));
    }

    private static IntrospectionTarget.SignedAnswers signedAnswers(String value, Names names) {
        String text = blank(value) ? "none" : value.strip();
        for (IntrospectionTarget.SignedAnswers answers : IntrospectionTarget.SignedAnswers.values()) {
            if (answers.name().equalsIgnoreCase(text)) {
                return answers;
            }
        }
        throw new InvalidAuthConfigurationException(
                names.signed() + " must be none, accepted or required, not '" + text + "'.");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The names of the settings, as the sentences that stop startup call them. */
    private record Names(String uri, String clientId, String secret, String jwts, String signed) {

        static final Names TOP_LEVEL = new Names(
                "AUTH_INTROSPECTION_URI",
                "AUTH_INTROSPECTION_CLIENT_ID",
                "AUTH_INTROSPECTION_CLIENT_SECRET",
                "AUTH_INTROSPECTION_INTROSPECT_JWTS",
                "AUTH_INTROSPECTION_SIGNED_RESPONSES");

        static Names of(String issuer) {
            String prefix = "auth.issuers." + issuer + ".";
            return new Names(
                    prefix + "introspection-uri",
                    prefix + "introspection-client-id",
                    prefix + "introspection-client-secret",
                    prefix + "introspect-jwts",
                    prefix + "introspection-signed-responses");
        }
    }

    private static void checkLimits(IntrospectionSettings settings) {
        requirePositive(settings.getTimeout(), "auth.introspection.timeout");
        requirePositive(settings.getCache().getMaxTtl(), "auth.introspection.cache.max-ttl");
        if (settings.getCache().getInactiveTtl() == null
                || settings.getCache().getInactiveTtl().isNegative()) {
            throw new InvalidAuthConfigurationException(
                    "auth.introspection.cache.inactive-ttl must be zero or positive.");
        }
        if (settings.getMaxResponseBytes() < 256
                || settings.getMaxTokenLength() < 16
                || settings.getCache().getMaxEntries() < 1
                || settings.getCache().getMaxBytes() < 1) {
            throw new InvalidAuthConfigurationException("auth.introspection.max-response-bytes must be at least 256, "
                    + "max-token-length at least 16, and the cache's max-entries and max-bytes positive.");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new InvalidAuthConfigurationException(name + " must be a positive duration.");
        }
    }
}
