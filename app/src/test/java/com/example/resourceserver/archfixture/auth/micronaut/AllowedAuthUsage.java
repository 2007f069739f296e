package com.example.resourceserver.archfixture.auth.micronaut;

import com.example.resourceserver.archfixture.auth.config.AllowedSettings;
import com.example.resourceserver.archfixture.auth.dev.AllowedDevIssuer;
import com.example.resourceserver.archfixture.auth.keys.AllowedKeysUsage;
import com.example.resourceserver.archfixture.auth.scope.AllowedScopeUsage;
import com.example.resourceserver.archfixture.auth.token.AllowedTokenUsage;
import com.example.resourceserver.archfixture.domain.AllowedDomainValue;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * What the auth adapter may use: domain, Micronaut, Nimbus, reactor, slf4j, jakarta. It sits in the
 * glue, the one place where Micronaut is allowed and from where every other package may be used.
 */
public class AllowedAuthUsage {

    private static final Logger LOG = LoggerFactory.getLogger(AllowedAuthUsage.class);

    SignedJWT token;
    HttpRequest<?> request;
    Provider<AllowedDomainValue> value;

    AllowedTokenUsage verifier;
    AllowedKeysUsage keys;
    AllowedSettings settings;
    AllowedScopeUsage scopes;
    AllowedDevIssuer devIssuer;

    public Mono<String> subject() {
        LOG.debug("reading subject");
        return Mono.empty();
    }
}
