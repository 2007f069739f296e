package com.example.resourceserver.archfixture.auth;

import com.example.resourceserver.archfixture.domain.AllowedDomainValue;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/** What the auth adapter may use: domain, Micronaut, Nimbus, reactor, slf4j, jakarta. */
public class AllowedAuthUsage {

    private static final Logger LOG = LoggerFactory.getLogger(AllowedAuthUsage.class);

    SignedJWT token;
    HttpRequest<?> request;
    Provider<AllowedDomainValue> value;

    public Mono<String> subject() {
        LOG.debug("reading subject");
        return Mono.empty();
    }
}
