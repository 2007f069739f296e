package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.config.AuthConfigurationResolver;
import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.config.InvalidAuthConfigurationException;
import com.example.resourceserver.auth.config.IssuerSources;
import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.Provider;
import com.example.resourceserver.auth.config.TokenCacheSettings;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.dev.DevIssuer;
import com.example.resourceserver.auth.introspection.IntrospectionObserver;
import com.example.resourceserver.auth.issuer.Issuers;
import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.keys.KeyFetchObserver;
import com.example.resourceserver.auth.pipeline.VerdictCache;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the auth adapter's objects from configuration when the application starts ({@link Context}), so
 * that a missing or contradictory setting stops startup at once with one sentence: the checked configuration,
 * the issuers (each resolved once), the one JWS reader and the verdict caches.
 */
@Factory
public class AuthBeans {

    private static final Logger LOG = LoggerFactory.getLogger(AuthBeans.class);

    @Context
    AuthConfiguration authConfiguration(AuthSettings auth, Environment environment, Optional<DevIssuer> devIssuer) {
        AuthConfiguration resolved;
        try {
            IssuerSources sources = IssuerSources.read(
                    name -> environment.getProperty(name, String.class).orElse(null),
                    environment.getPropertyEntries("auth.issuers"));
            resolved = AuthConfigurationResolver.resolve(auth, sources, devIssuer.map(DevIssuer::trustedIssuer));
        } catch (InvalidAuthConfigurationException e) {
            throw new ConfigurationException(e.getMessage(), e); // the launcher prints it as one sentence, exit 2
        }
        for (TrustedIssuer issuer : resolved.issuers()) {
            LOG.info(
                    "Trusting issuer '{}': iss {}, aud {}, keys {}{}",
                    issuer.name(),
                    issuer.issuer(),
                    audience(issuer),
                    describe(issuer),
                    issuer.provider().provider() == Provider.GENERIC
                            ? ""
                            : ", provider " + issuer.provider().provider().value());
            issuer.introspection()
                    .ifPresent(target -> LOG.info(
                            "Introspecting {} tokens of issuer '{}' at {} as client {}, signed answers: {}",
                            target.introspectJwts() ? "opaque and JWT" : "opaque",
                            issuer.name(),
                            target.endpoint().map(Object::toString).orElse("its discovered introspection_endpoint"),
                            target.clientId(),
                            target.signedAnswers().name().toLowerCase(java.util.Locale.ROOT)));
        }
        LOG.info(
                "Accepting algorithms {} with {} leeway",
                resolved.policy().algorithms(),
                resolved.policy().leeway());
        return resolved;
    }

    /** The one strict reader of compact JWS: access tokens, DPoP proofs, signed introspection answers. */
    @Singleton
    JwsReader jwsReader() {
        return new JwsReader();
    }

    /**
     * Every trusted issuer; key fetches and introspection calls run on the blocking executor, never an event loop.
     * Every observer bean is told of each fetch and call (metrics, and client spans when tracing is on).
     */
    @Context
    @Bean(preDestroy = "close")
    Issuers issuers(
            AuthConfiguration configuration,
            JwsReader reader,
            Clock clock,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
            List<KeyFetchObserver> keyObservers,
            List<IntrospectionObserver> introspectionObservers) {
        return Issuers.start(
                configuration,
                reader,
                clock,
                blocking,
                KeyFetchObserver.allOf(keyObservers),
                IntrospectionObserver.allOf(introspectionObservers));
    }

    /** Verified JWTs by their text, unless {@code auth.token-cache.enabled=false}. */
    @Singleton
    @Named("tokens")
    @Requires(condition = TokenCacheEnabled.class)
    VerdictCache<Authentication> verifiedTokens(AuthConfiguration configuration, Clock clock) {
        TokenCacheSettings settings = configuration.tokenCache();
        return new VerdictCache<>(
                settings.getMaxEntries(), settings.getMaxBytes(), settings.getMaxTtl(), Duration.ZERO, clock);
    }

    /** Introspection answers by the SHA-256 of the token. */
    @Singleton
    @Named("introspected")
    VerdictCache<Authentication> introspectionAnswers(AuthConfiguration configuration, Clock clock) {
        var settings = configuration.introspection().getCache();
        return new VerdictCache<>(
                settings.getMaxEntries(),
                settings.getMaxBytes(),
                settings.getMaxTtl(),
                settings.getInactiveTtl(),
                clock);
    }

    /** Cognito access tokens name no API: the client allow-list stands in for the audience. */
    private static String audience(TrustedIssuer issuer) {
        return issuer.audience() != null
                ? issuer.audience()
                : "none (client_id one of " + issuer.provider().allowedClientIds() + ")";
    }

    private static String describe(TrustedIssuer issuer) {
        if (issuer.jwks() instanceof JwksLocation.Fixed fixed) {
            return "from " + fixed.uri();
        }
        return issuer.jwks() instanceof JwksLocation.Discovered ? "by discovery" : "served by this service";
    }
}
