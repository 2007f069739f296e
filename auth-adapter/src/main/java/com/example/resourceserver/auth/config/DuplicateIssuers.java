package com.example.resourceserver.auth.config;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One entry per trusted issuer: the same {@code iss} or the same entry name twice is a contradiction. */
final class DuplicateIssuers {

    private DuplicateIssuers() {}

    /** Two entries for one {@code iss} would disagree about its audience or keys. */
    static void rejectRepeatedIssuers(List<TrustedIssuer> issuers) {
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
     * have distinct names by construction; the clash left is {@code auth.issuers.default} next to the
     * {@code AUTH_*} variables, which are the entry named default.
     */
    static void rejectRepeatedNames(List<IssuerEntry> entries) {
        Map<String, IssuerEntry> byName = new HashMap<>();
        for (IssuerEntry entry : entries) {
            IssuerEntry earlier = byName.putIfAbsent(entry.name(), entry);
            if (earlier != null) {
                throw new InvalidAuthConfigurationException(
                        "Both " + earlier.variables().source() + " and "
                                + entry.variables().source() + " configure the issuer named " + entry.name()
                                + ": give the entry under auth.issuers another name.");
            }
        }
    }
}
