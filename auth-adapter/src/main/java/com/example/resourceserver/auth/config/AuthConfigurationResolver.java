package com.example.resourceserver.auth.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the raw settings into the {@link AuthConfiguration} the service runs with, or stops startup
 * with one sentence that names the variable to fix. Each settings type checks itself; this class only
 * decides how the sources of issuers combine. Pure logic: no I/O, no framework.
 */
public final class AuthConfigurationResolver {

    private AuthConfigurationResolver() {}

    /**
     * Runs every check, in the order an operator reads them: key settings, token cache, issuers, then the
     * token rules.
     *
     * @param apiIdentifier the quickstarts' name for {@code AUTH0_AUDIENCE}; blank when unset
     * @param named         the entries under {@code auth.issuers}
     * @param devIssuer     the local development issuer, trusted only when nothing else is configured
     */
    public static AuthConfiguration resolve(
            AuthSettings auth,
            Auth0Settings auth0,
            String apiIdentifier,
            List<NamedIssuerSettings> named,
            Optional<TrustedIssuer> devIssuer) {
        auth.getJwks().validate();
        auth.getTokenCache().validate();
        boolean insecure = auth.isInsecureAllowHttp();

        List<TrustedIssuer> issuers = new ArrayList<>();
        // The AUTH_* variables are the entry named default; it takes the same path as auth.issuers.<name>.
        Optional<IssuerEntry> topLevel = auth.defaultIssuer();
        Optional<TrustedIssuer> shorthand = Auth0Shorthand.issuer(auth0, apiIdentifier);
        if (shorthand.isPresent() && topLevel.isPresent() && topLevel.get().namesNoIssuer()) {
            // AUTH0_DOMAIN implies AUTH_PROVIDER=auth0; the top-level provider settings are the Auth0 issuer's.
            ProviderSettings settings = topLevel.get()
                    .provider()
                    .resolveForAuth0Domain(topLevel.get().variables());
            shorthand = Auth0Shorthand.issuer(auth0, apiIdentifier, settings);
            topLevel = Optional.empty();
        }
        shorthand.ifPresent(issuers::add);
        List<IssuerEntry> entries = new ArrayList<>();
        topLevel.ifPresent(entries::add);
        named.forEach(settings -> entries.add(settings.entry()));
        for (IssuerEntry entry : entries) {
            issuers.add(entry.trustedIssuer(insecure));
        }
        if (shorthand.isPresent() && topLevel.isPresent()) {
            throw new InvalidAuthConfigurationException("Both AUTH0_DOMAIN and AUTH_ISSUER are set: "
                    + "configure one issuer through either the Auth0 pair or the AUTH_* variables "
                    + "(list further issuers under auth.issuers in application.yml).");
        }
        DuplicateIssuers.rejectRepeatedNames(entries);
        if (issuers.isEmpty() && devIssuer.isPresent()) {
            issuers.add(devIssuer.get());
        }
        if (issuers.isEmpty()) {
            throw new InvalidAuthConfigurationException("No token issuer is configured: set AUTH0_DOMAIN and "
                    + "AUTH0_AUDIENCE, or AUTH_ISSUER and AUTH_AUDIENCE (or start with MICRONAUT_ENVIRONMENTS=dev "
                    + "for the local development issuer).");
        }
        DuplicateIssuers.rejectRepeatedIssuers(issuers);
        return new AuthConfiguration(
                issuers, auth.verificationPolicy(), insecure, auth.getJwks(), auth.getTokenCache());
    }
}
