package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.dpop.DpopProofVerifier;
import com.example.resourceserver.auth.introspection.IntrospectionObserver;
import com.example.resourceserver.auth.issuer.Issuers;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.pipeline.RequestAuthenticator;
import com.example.resourceserver.auth.pipeline.VerdictCache;
import com.example.resourceserver.domain.access.AcceptedSchemes;
import com.example.resourceserver.domain.access.AuthorizationServers;
import com.example.resourceserver.domain.caller.Scope;
import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The request pipeline, and what the auth adapter tells the rest of the service through the domain's ports:
 * which schemes are accepted (challenges, metadata) and which authorization servers are trusted (metadata).
 */
@Factory
public class PipelineBeans {

    @Singleton
    RequestAuthenticator<Authentication> requestAuthenticator(
            AuthConfiguration configuration,
            Issuers issuers,
            JwsReader reader,
            DpopProofVerifier proofs,
            @Nullable @Named("tokens") VerdictCache<Authentication> tokens,
            @Named("introspected") VerdictCache<Authentication> introspected,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
            Clock clock,
            Optional<AuthMetrics> metrics,
            List<IntrospectionObserver> introspectionObservers) {
        return RequestAuthenticator.create(
                configuration,
                issuers,
                reader,
                proofs,
                Optional.ofNullable(tokens),
                introspected,
                PipelineBeans::principal,
                blocking,
                clock,
                outcome -> metrics.ifPresent(m -> m.dpopOutcome(outcome)),
                IntrospectionObserver.allOf(introspectionObservers));
    }

    /**
     * Name: the subject; roles: the granted scopes (so {@code @Secured("scope")} works too); attributes: the
     * claims. Built once per vouched-for token, which the verdict caches keep with it.
     */
    static Authentication principal(VerifiedToken token) {
        List<String> scopes =
                token.caller().grantedScopes().stream().map(Scope::value).toList();
        return Authentication.build(token.caller().subject(), scopes, token.claims());
    }

    /** The schemes offered in challenges and the RFC 9728 metadata. */
    @Singleton
    AcceptedSchemes acceptedSchemes(AuthConfiguration configuration) {
        boolean bearer = configuration.someAcceptBearer();
        boolean dpop = configuration.someAcceptDpop();
        List<String> algorithms = configuration.dpop().algorithmSet().stream()
                .map(JWSAlgorithm::getName)
                .toList();
        return new AcceptedSchemes() {
            @Override
            public boolean bearer() {
                return bearer;
            }

            @Override
            public boolean dpop() {
                return dpop;
            }

            @Override
            public List<String> dpopAlgorithms() {
                return algorithms;
            }
        };
    }

    /** The trusted issuers, as published in the RFC 9728 metadata's {@code authorization_servers}. */
    @Singleton
    AuthorizationServers authorizationServers(AuthConfiguration configuration) {
        List<String> issuers = configuration.issuers().stream()
                .map(TrustedIssuer::issuer)
                .distinct()
                .toList();
        return () -> issuers;
    }
}
