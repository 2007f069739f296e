package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.config.IntrospectionResolver;
import com.example.resourceserver.auth.config.IntrospectionSettings;
import com.example.resourceserver.auth.config.IntrospectionTarget;
import com.example.resourceserver.auth.config.InvalidAuthConfigurationException;
import com.example.resourceserver.auth.config.IssuerIntrospectionSettings;
import com.example.resourceserver.auth.keys.TrustedKeySets;
import com.example.resourceserver.auth.token.TokenCaller;
import com.example.resourceserver.auth.token.introspection.IntrospectionObserver;
import com.example.resourceserver.auth.token.introspection.TokenIntrospector;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the introspection objects at startup: the checked targets (a setting that cannot work stops
 * startup with one sentence), and the {@link TokenIntrospector} when at least one issuer introspects.
 */
@Factory
public class IntrospectionBeans {

    private static final Logger LOG = LoggerFactory.getLogger(IntrospectionBeans.class);

    /** Wrapped in a holder because a factory method may not return null and the list may be empty. */
    public record Introspection(Optional<TokenIntrospector> introspector) {}

    @Context
    Introspection introspection(
            IntrospectionSettings settings,
            List<IssuerIntrospectionSettings> named,
            AuthConfiguration configuration,
            Clock clock,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
            List<IntrospectionObserver> observers,
            TokenCaller callers,
            TrustedKeySets keySets) {
        List<IntrospectionTarget> targets;
        try {
            targets = IntrospectionResolver.resolve(settings, named, configuration);
        } catch (InvalidAuthConfigurationException e) {
            throw new ConfigurationException(e.getMessage(), e); // the launcher prints it as one sentence, exit 2
        }
        if (targets.isEmpty()) {
            return new Introspection(Optional.empty());
        }
        for (IntrospectionTarget target : targets) {
            LOG.info(
                    "Introspecting {} tokens of issuer '{}' at {} as client {}, signed answers: {}",
                    target.introspectJwts() ? "opaque and JWT" : "opaque",
                    target.issuer().name(),
                    target.endpoint().map(Object::toString).orElse("its discovered introspection_endpoint"),
                    target.clientId(),
                    target.signedAnswers().name().toLowerCase(java.util.Locale.ROOT));
        }
        return new Introspection(Optional.of(new TokenIntrospector(
                targets,
                settings,
                configuration.policy(),
                keySets,
                configuration.insecureHttpAllowed(),
                clock,
                blocking,
                allOf(observers),
                callers)));
    }

    /** Every {@link IntrospectionObserver} bean is told (metrics, and client spans when tracing is on). */
    private static IntrospectionObserver allOf(List<IntrospectionObserver> observers) {
        List<IntrospectionObserver> all = List.copyOf(observers);
        if (all.isEmpty()) {
            return IntrospectionObserver.NONE;
        }
        return new IntrospectionObserver() {
            @Override
            public void called(String issuer, String outcome, java.time.Duration took) {
                all.forEach(o -> o.called(issuer, outcome, took));
            }

            @Override
            public void looked(boolean hit) {
                all.forEach(o -> o.looked(hit));
            }
        };
    }
}
