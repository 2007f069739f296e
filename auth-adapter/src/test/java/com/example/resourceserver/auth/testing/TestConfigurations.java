package com.example.resourceserver.auth.testing;

import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.config.AuthConfigurationResolver;
import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.config.IssuerSources;
import com.example.resourceserver.auth.introspection.IntrospectionObserver;
import com.example.resourceserver.auth.issuer.Issuers;
import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.keys.KeyFetchObserver;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;

/**
 * Configurations for tests, resolved exactly as the service resolves its own ({@link AuthConfigurationResolver}),
 * from properties as an operator would set them ({@code auth.issuer}, {@code auth.issuers.<name>.audience}, ...),
 * and the issuers built from them.
 */
public final class TestConfigurations {

    private TestConfigurations() {}

    /** The configuration these settings and issuer properties resolve to. */
    public static AuthConfiguration resolve(AuthSettings settings, Map<String, String> properties) {
        TreeSet<String> listed = new TreeSet<>();
        for (String name : properties.keySet()) {
            if (name.startsWith("auth.issuers.")) {
                listed.add(name.substring("auth.issuers.".length(), name.indexOf('.', "auth.issuers.".length())));
            }
        }
        return AuthConfigurationResolver.resolve(
                settings, IssuerSources.read(properties::get, listed), Optional.empty());
    }

    /** One issuer, named default, whose keys are at {@code jwks}. */
    public static AuthConfiguration trusting(AuthSettings settings, String issuer, String audience, URI jwks) {
        return resolve(settings, trustingProperties(issuer, audience, jwks));
    }

    /** The properties of one issuer, named default, whose keys are at {@code jwks}, to add to. */
    public static Map<String, String> trustingProperties(String issuer, String audience, URI jwks) {
        Map<String, String> properties = new HashMap<>();
        properties.put("auth.issuer", issuer);
        properties.put("auth.audience", audience);
        properties.put("auth.jwks-uri", jwks.toString());
        return properties;
    }

    /** The issuers of a configuration, fetching on {@code executor}; close them after the test. */
    public static Issuers start(AuthConfiguration configuration, JwsReader reader, ExecutorService executor) {
        return Issuers.start(
                configuration, reader, Clock.systemUTC(), executor, KeyFetchObserver.NONE, IntrospectionObserver.NONE);
    }
}
