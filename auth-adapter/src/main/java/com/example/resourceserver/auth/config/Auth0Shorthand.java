package com.example.resourceserver.auth.config;

import java.net.URI;
import java.util.Optional;

/**
 * The Auth0 quickstarts' way to name an issuer: {@code AUTH0_DOMAIN} plus {@code AUTH0_AUDIENCE} (or its
 * alias {@code API_IDENTIFIER}) stand for the issuer named {@code auth0}, without discovery.
 */
final class Auth0Shorthand {

    /** The name of the issuer the pair stands for, in logs, health and metrics. */
    static final String NAME = "auth0";

    private Auth0Shorthand() {}

    /**
     * The issuer the pair stands for, with these provider settings (the auth0 profile's, from the top-level
     * variables); empty when neither is set.
     */
    static Optional<TrustedIssuer> issuer(
            String auth0Domain, String auth0Audience, String apiIdentifier, ProviderSettings settings) {
        String domain = Blank.toNull(auth0Domain);
        String audience = Blank.toNull(auth0Audience);
        String alias = Blank.toNull(apiIdentifier);
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
        return Optional.of(new TrustedIssuer(NAME, issuer, audience, new JwksLocation.Fixed(jwks), settings));
    }

    private static boolean isHostName(String value) {
        if (value.length() > 253 || value.startsWith(".") || value.startsWith("-")) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return value.contains(".");
    }
}
