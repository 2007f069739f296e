package com.example.resourceserver.auth.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** Issuer settings as an operator types them, property by property, read the way the service reads them. */
final class Typed {

    final Map<String, String> properties = new LinkedHashMap<>();

    /** Sets a property ({@code auth.issuer}, {@code auth0.domain}, ...); null unsets it. */
    Typed set(String property, String value) {
        if (value == null) {
            properties.remove(property);
        } else {
            properties.put(property, value);
        }
        return this;
    }

    /** Sets {@code auth.issuers.<name>.<key>}. */
    Typed listed(String name, String key, String value) {
        return set("auth.issuers." + name + "." + key, value);
    }

    /** An entry under {@code auth.issuers} with its issuer and audience. */
    Typed entry(String name, String issuer, String audience) {
        return listed(name, "issuer", issuer).listed(name, "audience", audience);
    }

    IssuerSources sources() {
        TreeSet<String> names = new TreeSet<>();
        for (String property : properties.keySet()) {
            if (property.startsWith("auth.issuers.")) {
                String rest = property.substring("auth.issuers.".length());
                names.add(rest.substring(0, rest.indexOf('.')));
            }
        }
        return IssuerSources.read(properties::get, names);
    }

    IssuerEntry topLevel() {
        return IssuerEntry.topLevel(properties::get);
    }

    IssuerEntry listedEntry(String name) {
        return IssuerEntry.listed(name, properties::get);
    }
}
