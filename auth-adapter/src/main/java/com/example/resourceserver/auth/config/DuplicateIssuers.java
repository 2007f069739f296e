package com.example.resourceserver.auth.config;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One entry per trusted issuer: the same {@code iss} or the same name twice is a contradiction. */
final class DuplicateIssuers {

    private DuplicateIssuers() {}

    /** Two entries for one {@code iss} would disagree about its audience or keys. */
    static void rejectRepeatedIssuers(Collection<TrustedIssuer> issuers) {
        Set<String> seen = new LinkedHashSet<>();
        for (TrustedIssuer issuer : issuers) {
            if (!seen.add(issuer.issuer())) {
                throw new InvalidAuthConfigurationException("The issuer " + issuer.issuer()
                        + " is configured more than once: give each trusted issuer one entry.");
            }
        }
    }

    /**
     * The name labels logs, health and metrics, so it must be unique. Entries under {@code auth.issuers}
     * have distinct names by construction; the clashes left are {@code auth.issuers.default} next to the
     * {@code AUTH_*} variables, which are the entry named default, and {@code auth.issuers.auth0} next to the
     * Auth0 pair.
     */
    static void rejectRepeatedNames(List<IssuerEntry> entries, Optional<TrustedIssuer> auth0) {
        Map<String, String> sourceByName = new HashMap<>();
        auth0.ifPresent(issuer -> sourceByName.put(issuer.name(), "AUTH0_DOMAIN"));
        for (IssuerEntry entry : entries) {
            String earlier = sourceByName.putIfAbsent(entry.name(), entry.source());
            if (earlier != null) {
                throw new InvalidAuthConfigurationException("Both " + earlier + " and " + entry.source()
                        + " configure the issuer named " + entry.name()
                        + ": give the entry under auth.issuers another name.");
            }
        }
    }
}
