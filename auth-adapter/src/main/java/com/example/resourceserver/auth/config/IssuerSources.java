package com.example.resourceserver.auth.config;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where issuers are configured, as typed: the top-level {@code AUTH_*} entry, the entries under
 * {@code auth.issuers}, and the Auth0 quickstarts' pair ({@code AUTH0_DOMAIN}, {@code AUTH0_AUDIENCE} or its
 * alias {@code API_IDENTIFIER}). Read through a plain lookup of property names, so that resolution is tested
 * without an application context.
 */
public record IssuerSources(
        IssuerEntry topLevel,
        List<IssuerEntry> listed,
        String auth0Domain,
        String auth0Audience,
        String apiIdentifier) {

    public IssuerSources {
        Objects.requireNonNull(topLevel, "topLevel");
        listed = List.copyOf(listed);
    }

    /**
     * @param lookup      a property's value by its name, null when unset
     * @param listedNames the names under {@code auth.issuers}
     */
    public static IssuerSources read(Function<String, String> lookup, Collection<String> listedNames) {
        return new IssuerSources(
                IssuerEntry.topLevel(lookup),
                listedNames.stream()
                        .sorted()
                        .map(name -> IssuerEntry.listed(name, lookup))
                        .toList(),
                lookup.apply("auth0.domain"),
                lookup.apply("auth0.audience"),
                lookup.apply("api.identifier"));
    }
}
