package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.domain.access.AuthorizationServers;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** The trusted issuers, as published in the RFC 9728 metadata's {@code authorization_servers}. */
@Singleton
public class ConfiguredAuthorizationServers implements AuthorizationServers {

    private final List<String> issuers;

    public ConfiguredAuthorizationServers(AuthConfiguration configuration) {
        List<String> found = new ArrayList<>();
        for (TrustedIssuer issuer : configuration.issuers()) {
            if (!found.contains(issuer.issuer())) {
                found.add(issuer.issuer());
            }
        }
        this.issuers = List.copyOf(found);
    }

    @Override
    public List<String> issuers() {
        return issuers;
    }
}
