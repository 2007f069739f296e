package com.example.resourceserver.auth.config;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the raw settings into the trusted issuers and the verification policy, or stops startup with
 * one sentence that names the variable to fix. Pure logic: no I/O, no framework, unit-tested.
 */
public final class TrustedIssuerResolver {

    /** Asymmetric JWS algorithms that the JDK verifies without extra providers. */
    static final Map<String, JWSAlgorithm> SUPPORTED_ALGORITHMS = supportedAlgorithms();
    static final Duration MAX_LEEWAY = Duration.ofMinutes(5);

    private TrustedIssuerResolver() {
    }

    /** What the service runs with: who it trusts and the rules every token must meet. */
    public record Resolved(List<TrustedIssuer> issuers, VerificationPolicy policy, boolean insecureHttpAllowed) {
        public Resolved {
            issuers = List.copyOf(issuers);
        }
    }

    public static Resolved resolve(AuthSettings auth, Auth0Settings auth0, String apiIdentifier,
                                   List<NamedIssuerSettings> named, Optional<TrustedIssuer> devIssuer) {
        boolean insecure = auth.isInsecureAllowHttp();
        List<TrustedIssuer> issuers = new ArrayList<>();
        auth0Issuer(auth0, apiIdentifier).ifPresent(issuers::add);
        genericIssuer(auth, insecure).ifPresent(issuer -> {
            if (!issuers.isEmpty()) {
                throw new InvalidAuthConfigurationException("Both AUTH0_DOMAIN and AUTH_ISSUER are set: "
                        + "configure one issuer through either the Auth0 pair or the AUTH_* variables "
                        + "(list further issuers under auth.issuers in application.yml).");
            }
            issuers.add(issuer);
        });
        for (NamedIssuerSettings settings : named) {
            issuers.add(namedIssuer(settings, insecure));
        }
        if (issuers.isEmpty() && devIssuer.isPresent()) {
            issuers.add(devIssuer.get());
        }
        if (issuers.isEmpty()) {
            throw new InvalidAuthConfigurationException("No token issuer is configured: set AUTH0_DOMAIN and "
                    + "AUTH0_AUDIENCE, or AUTH_ISSUER and AUTH_AUDIENCE (or start with MICRONAUT_ENVIRONMENTS=dev "
                    + "for the local development issuer).");
        }
        rejectDuplicates(issuers);
        return new Resolved(issuers, policy(auth), insecure);
    }

    /** The key-handling durations must fit together (Nimbus refuses other combinations at build time). */
    public static void checkKeySettings(AuthSettings.Jwks jwks) {
        for (Duration d : List.of(jwks.getCacheTtl(), jwks.getRefreshAhead(), jwks.getMinRefreshInterval(),
                jwks.getFetchTimeout(), jwks.getStalePeriod())) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new InvalidAuthConfigurationException("Every auth.jwks duration must be positive.");
            }
        }
        if (jwks.getFetchTimeout().toMillis() > Integer.MAX_VALUE) {
            throw new InvalidAuthConfigurationException("auth.jwks.fetch-timeout is too long.");
        }
        if (jwks.getRefreshAhead().plus(jwks.getFetchTimeout()).compareTo(jwks.getCacheTtl()) > 0) {
            throw new InvalidAuthConfigurationException("auth.jwks.refresh-ahead plus auth.jwks.fetch-timeout "
                    + "must not exceed auth.jwks.cache-ttl.");
        }
        if (jwks.getMinRefreshInterval().compareTo(jwks.getCacheTtl()) >= 0) {
            throw new InvalidAuthConfigurationException("auth.jwks.min-refresh-interval must be shorter than "
                    + "auth.jwks.cache-ttl.");
        }
        if (jwks.getSizeLimitBytes() < 1024) {
            throw new InvalidAuthConfigurationException("auth.jwks.size-limit-bytes must be at least 1024.");
        }
    }

    /** The token cache's bounds must be positive (checked even when it is off, so a later switch-on works). */
    public static void checkTokenCacheSettings(AuthSettings.TokenCache cache) {
        if (cache.getMaxEntries() < 1) {
            throw new InvalidAuthConfigurationException("auth.token-cache.max-entries must be at least 1.");
        }
        if (cache.getMaxBytes() < 1) {
            throw new InvalidAuthConfigurationException("auth.token-cache.max-bytes must be at least 1.");
        }
        if (cache.getMaxTtl() == null || cache.getMaxTtl().isNegative() || cache.getMaxTtl().isZero()) {
            throw new InvalidAuthConfigurationException("auth.token-cache.max-ttl must be a positive duration such as 5m.");
        }
    }

    public static VerificationPolicy policy(AuthSettings auth) {
        if (auth.getMaxTokenLength() < 256) {
            throw new InvalidAuthConfigurationException("auth.max-token-length must be at least 256 characters.");
        }
        Set<JOSEObjectType> types = auth.isRequireAtJwtType()
                ? VerificationPolicy.ACCESS_TOKEN_TYPES : VerificationPolicy.DEFAULT_TYPES;
        return new VerificationPolicy(algorithms(auth.getAlgorithms()), leeway(auth.getLeeway()), types,
                auth.isRequireAtJwtType(), auth.getMaxTokenLength());
    }

    private static Optional<TrustedIssuer> auth0Issuer(Auth0Settings auth0, String apiIdentifier) {
        String domain = blankToNull(auth0.getDomain());
        String audience = blankToNull(auth0.getAudience());
        String alias = blankToNull(apiIdentifier);
        if (audience != null && alias != null && !audience.equals(alias)) {
            throw new InvalidAuthConfigurationException("AUTH0_AUDIENCE and API_IDENTIFIER are both set and differ: "
                    + "set only one of them (API_IDENTIFIER is the quickstarts' name for AUTH0_AUDIENCE).");
        }
        if (audience == null) {
            audience = alias;
        }
        if (domain == null) {
            if (audience != null) {
                throw new InvalidAuthConfigurationException((alias != null ? "API_IDENTIFIER" : "AUTH0_AUDIENCE")
                        + " is set but AUTH0_DOMAIN is missing: set AUTH0_DOMAIN to your tenant's domain, "
                        + "such as your-tenant.us.auth0.com.");
            }
            return Optional.empty();
        }
        if (!isHostName(domain)) {
            throw new InvalidAuthConfigurationException("AUTH0_DOMAIN must be a host name such as "
                    + "your-tenant.us.auth0.com, without https:// or a path.");
        }
        if (audience == null) {
            throw new InvalidAuthConfigurationException("AUTH0_DOMAIN is set but AUTH0_AUDIENCE is missing: set "
                    + "AUTH0_AUDIENCE (or API_IDENTIFIER) to the identifier of your API in Auth0.");
        }
        // What the Auth0 quickstarts do: issuer with a trailing slash, keys at the well-known path.
        String issuer = "https://" + domain + "/";
        URI jwks = URI.create("https://" + domain + "/.well-known/jwks.json");
        return Optional.of(new TrustedIssuer("auth0", issuer, audience, new JwksLocation.Fixed(jwks)));
    }

    private static Optional<TrustedIssuer> genericIssuer(AuthSettings auth, boolean insecure) {
        String issuer = blankToNull(auth.getIssuer());
        String audience = blankToNull(auth.getAudience());
        String jwksUri = blankToNull(auth.getJwksUri());
        if (issuer == null) {
            if (audience != null) {
                throw new InvalidAuthConfigurationException("AUTH_AUDIENCE is set but AUTH_ISSUER is missing: "
                        + "set AUTH_ISSUER to the exact iss value of your tokens.");
            }
            if (jwksUri != null) {
                throw new InvalidAuthConfigurationException("AUTH_JWKS_URI is set but AUTH_ISSUER is missing: "
                        + "set AUTH_ISSUER to the exact iss value of your tokens.");
            }
            return Optional.empty();
        }
        if (audience == null) {
            throw new InvalidAuthConfigurationException("AUTH_ISSUER is set but AUTH_AUDIENCE is missing: set "
                    + "AUTH_AUDIENCE to the API identifier your tokens carry in aud.");
        }
        return Optional.of(issuer("default", issuer, audience, jwksUri, insecure,
                "AUTH_ISSUER", "AUTH_JWKS_URI"));
    }

    private static TrustedIssuer namedIssuer(NamedIssuerSettings settings, boolean insecure) {
        String prefix = "auth.issuers." + settings.getName() + ".";
        String issuer = blankToNull(settings.getIssuer());
        String audience = blankToNull(settings.getAudience());
        if (issuer == null) {
            throw new InvalidAuthConfigurationException(prefix + "issuer is missing: every entry under "
                    + "auth.issuers needs an issuer and an audience.");
        }
        if (audience == null) {
            throw new InvalidAuthConfigurationException(prefix + "audience is missing: every entry under "
                    + "auth.issuers needs an issuer and an audience.");
        }
        return issuer(settings.getName(), issuer, audience, blankToNull(settings.getJwksUri()), insecure,
                prefix + "issuer", prefix + "jwks-uri");
    }

    private static TrustedIssuer issuer(String name, String issuer, String audience, String jwksUri,
                                        boolean insecure, String issuerVariable, String jwksVariable) {
        if (jwksUri != null) {
            return new TrustedIssuer(name, issuer, audience,
                    new JwksLocation.Fixed(fetchableUri(jwksUri, jwksVariable, insecure)));
        }
        // Without an explicit JWKS URL the issuer itself is fetched (discovery), so it must be a safe URL.
        fetchableUri(issuer, issuerVariable, insecure);
        return new TrustedIssuer(name, issuer, audience, new JwksLocation.Discovered(issuer));
    }

    static URI fetchableUri(String value, String variable, boolean insecure) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidAuthConfigurationException(variable + " is not a valid URL.");
        }
        Optional<String> problem = UrlRules.problem(uri, insecure);
        if (problem.isPresent()) {
            throw new InvalidAuthConfigurationException(variable + " " + problem.get() + ".");
        }
        return uri;
    }

    static Set<JWSAlgorithm> algorithms(String value) {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String part : (value == null ? "" : value).split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            JWSAlgorithm algorithm = SUPPORTED_ALGORITHMS.get(name.toUpperCase(Locale.ROOT));
            if (algorithm == null) {
                String upper = name.toUpperCase(Locale.ROOT);
                if (upper.equals("NONE")) {
                    throw new InvalidAuthConfigurationException("AUTH_ALGORITHMS may not contain none: "
                            + "unsigned tokens are never accepted.");
                }
                if (upper.startsWith("HS")) {
                    throw new InvalidAuthConfigurationException("AUTH_ALGORITHMS may not contain " + name
                            + ": HMAC needs a shared secret and cannot be checked against a public key set.");
                }
                throw new InvalidAuthConfigurationException("AUTH_ALGORITHMS contains unsupported algorithm '"
                        + name + "': use a comma-separated list of " + String.join(", ", SUPPORTED_ALGORITHMS.keySet())
                        + ".");
            }
            algorithms.add(algorithm);
        }
        if (algorithms.isEmpty()) {
            throw new InvalidAuthConfigurationException("AUTH_ALGORITHMS must name at least one algorithm, such as RS256.");
        }
        return algorithms;
    }

    static Duration leeway(String value) {
        Duration leeway = parseDuration(value == null ? "" : value.trim());
        if (leeway == null || leeway.isNegative() || leeway.compareTo(MAX_LEEWAY) > 0) {
            throw new InvalidAuthConfigurationException("AUTH_LEEWAY must be a duration from 0s to 5m, such as 60s.");
        }
        return leeway;
    }

    /** Accepts {@code 60}, {@code 60s}, {@code 500ms}, {@code 2m} and ISO-8601 such as {@code PT1M}. */
    private static Duration parseDuration(String value) {
        try {
            if (value.startsWith("P") || value.startsWith("p")) {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            }
            int digits = 0;
            while (digits < value.length() && Character.isDigit(value.charAt(digits))) {
                digits++;
            }
            if (digits == 0 || digits > 9) {
                return null;
            }
            long amount = Long.parseLong(value.substring(0, digits));
            return switch (value.substring(digits).toLowerCase(Locale.ROOT)) {
                case "", "s" -> Duration.ofSeconds(amount);
                case "ms" -> Duration.ofMillis(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> null;
            };
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static void rejectDuplicates(List<TrustedIssuer> issuers) {
        Set<String> seen = new LinkedHashSet<>();
        for (TrustedIssuer issuer : issuers) {
            if (!seen.add(issuer.issuer())) {
                throw new InvalidAuthConfigurationException("The issuer " + issuer.issuer()
                        + " is configured more than once: give each trusted issuer one entry.");
            }
        }
    }

    private static boolean isHostName(String value) {
        if (value.length() > 253 || value.startsWith(".") || value.startsWith("-")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return value.contains(".");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static Map<String, JWSAlgorithm> supportedAlgorithms() {
        Map<String, JWSAlgorithm> map = new LinkedHashMap<>();
        for (JWSAlgorithm algorithm : List.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
                JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
                JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512)) {
            map.put(algorithm.getName(), algorithm);
        }
        return Collections.unmodifiableMap(map);
    }
}
