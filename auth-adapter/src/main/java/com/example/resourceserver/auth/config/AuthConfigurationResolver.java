package com.example.resourceserver.auth.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the raw settings into the {@link AuthConfiguration} the service runs with, or stops startup
 * with one sentence that names the variable to fix. Each settings type checks itself; this class only
 * decides how the sources of issuers combine. Pure logic: no I/O, no framework.
 */
public final class AuthConfigurationResolver {

    private AuthConfigurationResolver() {}

    /**
     * Runs every check, in the order an operator reads them: key settings, token cache, issuers, the token
     * rules, then DPoP and introspection, per issuer.
     *
     * @param devIssuer the local development issuer, trusted only when nothing else is configured
     */
    public static AuthConfiguration resolve(
            AuthSettings auth, IssuerSources sources, Optional<TrustedIssuer> devIssuer) {
        auth.getJwks().validate();
        auth.getTokenCache().validate();
        boolean insecure = auth.isInsecureAllowHttp();

        // Each issuer with the entry that configured it (its DPoP and introspection settings come from there).
        Map<TrustedIssuer, IssuerEntry> issuers = new LinkedHashMap<>();
        IssuerEntry topLevel = sources.topLevel();
        Optional<TrustedIssuer> shorthand = Auth0Shorthand.issuer(
                sources.auth0Domain(),
                sources.auth0Audience(),
                sources.apiIdentifier(),
                ProviderSettings.of(Provider.AUTH0));
        boolean topLevelIssuer = !topLevel.isUnset();
        if (shorthand.isPresent() && topLevelIssuer && topLevel.namesNoIssuer()) {
            // AUTH0_DOMAIN implies AUTH_PROVIDER=auth0; the top-level provider settings are the Auth0 issuer's.
            shorthand = Auth0Shorthand.issuer(
                    sources.auth0Domain(),
                    sources.auth0Audience(),
                    sources.apiIdentifier(),
                    ProviderSettings.forAuth0Domain(topLevel));
            topLevelIssuer = false;
        }
        shorthand.ifPresent(issuer -> issuers.put(issuer, topLevel));
        List<IssuerEntry> entries = new ArrayList<>();
        if (topLevelIssuer) {
            entries.add(topLevel);
        }
        entries.addAll(sources.listed());
        for (IssuerEntry entry : entries) {
            issuers.put(IssuerDefinitions.of(entry, insecure), entry);
        }
        if (shorthand.isPresent() && topLevelIssuer) {
            throw new InvalidAuthConfigurationException("Both AUTH0_DOMAIN and AUTH_ISSUER are set: "
                    + "configure one issuer through either the Auth0 pair or the AUTH_* variables "
                    + "(list further issuers under auth.issuers in application.yml).");
        }
        DuplicateIssuers.rejectRepeatedNames(entries, shorthand);
        if (issuers.isEmpty() && devIssuer.isPresent()) {
            issuers.put(devIssuer.get(), topLevel);
        }
        if (issuers.isEmpty()) {
            throw new InvalidAuthConfigurationException("No token issuer is configured: set AUTH0_DOMAIN and "
                    + "AUTH0_AUDIENCE, or AUTH_ISSUER and AUTH_AUDIENCE (or start with MICRONAUT_ENVIRONMENTS=dev "
                    + "for the local development issuer).");
        }
        DuplicateIssuers.rejectRepeatedIssuers(issuers.keySet());
        VerificationPolicy policy = auth.verificationPolicy();
        auth.getDpop().validate();
        auth.getIntrospection().validate();
        return new AuthConfiguration(
                IssuerDefinitions.withModesAndIntrospection(issuers, topLevel, insecure),
                policy,
                insecure,
                auth.getJwks(),
                auth.getTokenCache(),
                auth.getDpop(),
                auth.getIntrospection());
    }
}
