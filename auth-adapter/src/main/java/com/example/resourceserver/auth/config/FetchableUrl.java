package com.example.resourceserver.auth.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** A configured URL the service will fetch from, checked against {@link UrlRules} with the variable named. */
final class FetchableUrl {

    private FetchableUrl() {}

    static URI parse(String value, String variable, boolean insecureHttpAllowed) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new InvalidAuthConfigurationException(variable + " is not a valid URL.");
        }
        Optional<String> problem = UrlRules.problem(uri, insecureHttpAllowed);
        if (problem.isPresent()) {
            throw new InvalidAuthConfigurationException(variable + " " + problem.get() + ".");
        }
        return uri;
    }
}
