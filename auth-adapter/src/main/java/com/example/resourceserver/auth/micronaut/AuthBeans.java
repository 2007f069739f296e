package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.Auth0Settings;
import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.config.AuthConfigurationResolver;
import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.config.InvalidAuthConfigurationException;
import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.NamedIssuerSettings;
import com.example.resourceserver.auth.config.Provider;
import com.example.resourceserver.auth.config.ProviderSettings;
import com.example.resourceserver.auth.config.TokenCacheSettings;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.dev.DevIssuer;
import com.example.resourceserver.auth.keys.KeyFetchObserver;
import com.example.resourceserver.auth.keys.TrustedKeySets;
import com.example.resourceserver.auth.scope.ScopeMapping;
import com.example.resourceserver.auth.token.AccessTokenVerifier;
import com.example.resourceserver.auth.token.GrantedScopes;
import com.example.resourceserver.auth.token.TokenCaller;
import com.example.resourceserver.auth.token.VerifiedTokenCache;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the auth adapter's objects from configuration when the application starts ({@link Context}), so
 * that a missing or contradictory setting stops startup at once with one sentence.
 */
@Factory
public class AuthBeans {

    private static final Logger LOG = LoggerFactory.getLogger(AuthBeans.class);

    @Context
    AuthConfiguration authConfiguration(
            AuthSettings auth,
            Auth0Settings auth0,
            @Value("${api.identifier:}") String apiIdentifier,
            List<NamedIssuerSettings> named,
            Optional<DevIssuer> devIssuer) {
        AuthConfiguration resolved;
        try {
            resolved = AuthConfigurationResolver.resolve(
                    auth, auth0, apiIdentifier, named, devIssuer.map(DevIssuer::trustedIssuer));
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
                    profile(issuer));
        }
        LOG.info(
                "Accepting algorithms {} with {} leeway",
                resolved.policy().algorithms(),
                resolved.policy().leeway());
        return resolved;
    }

    /**
     * Every trusted issuer's key set; fetches run on the blocking executor, never on an event loop. Every
     * {@link KeyFetchObserver} bean is told of each fetch (metrics, and client spans when tracing is on).
     */
    @Context
    @Bean(preDestroy = "close")
    TrustedKeySets trustedKeySets(
            AuthConfiguration resolved,
            Clock clock,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
            List<KeyFetchObserver> observers) {
        return new TrustedKeySets(
                resolved.issuers(), resolved.jwks(), resolved.insecureHttpAllowed(), clock, blocking, allOf(observers));
    }

    private static KeyFetchObserver allOf(List<KeyFetchObserver> observers) {
        List<KeyFetchObserver> all = List.copyOf(observers);
        return all.isEmpty()
                ? KeyFetchObserver.NONE
                : (issuer, succeeded, took) -> all.forEach(o -> o.fetched(issuer, succeeded, took));
    }

    /** Each issuer's grants turned into the domain's scopes by its {@link ScopeMapping}. */
    @Singleton
    GrantedScopes grantedScopes(AuthConfiguration resolved) {
        Map<String, ScopeMapping> mappings = new HashMap<>();
        for (TrustedIssuer issuer : resolved.issuers()) {
            mappings.put(
                    issuer.issuer(),
                    new ScopeMapping(
                            issuer.provider().scopePrefix(), issuer.provider().scopeAliases()));
        }
        return (issuer, grants) -> mappings.get(issuer.issuer()).scopesOf(grants);
    }

    /** Callers of tokens known by their claims (introspection), mapped like those of verified JWTs. */
    @Singleton
    TokenCaller tokenCaller(GrantedScopes grantedScopes) {
        return new TokenCaller(grantedScopes);
    }

    @Context
    AccessTokenVerifier accessTokenVerifier(
            TrustedKeySets keySets, AuthConfiguration resolved, Clock clock, GrantedScopes grantedScopes) {
        return new AccessTokenVerifier(keySets, resolved.policy(), clock, grantedScopes);
    }

    /** The verified-token cache, unless {@code auth.token-cache.enabled=false}. */
    @Singleton
    @Requires(condition = TokenCacheEnabled.class)
    VerifiedTokenCache<Authentication> verifiedTokenCache(AuthSettings auth, TrustedKeySets keySets, Clock clock) {
        TokenCacheSettings settings = auth.getTokenCache();
        VerifiedTokenCache<Authentication> cache =
                new VerifiedTokenCache<>(settings.getMaxEntries(), settings.getMaxBytes(), settings.getMaxTtl(), clock);
        keySets.onKeySetChange(cache::keySetChanged);
        return cache;
    }

    /** Cognito access tokens name no API: the client allow-list stands in for the audience. */
    private static String audience(TrustedIssuer issuer) {
        return issuer.audience() != null
                ? issuer.audience()
                : "none (client_id one of " + issuer.provider().allowedClientIds() + ")";
    }

    /** Nothing for the generic provider, so the log line stays as it was. */
    private static String profile(TrustedIssuer issuer) {
        ProviderSettings settings = issuer.provider();
        return settings.provider() == Provider.GENERIC
                ? ""
                : ", provider " + settings.provider().value();
    }

    private static String describe(TrustedIssuer issuer) {
        if (issuer.jwks() instanceof JwksLocation.Fixed fixed) {
            return "from " + fixed.uri();
        }
        return issuer.jwks() instanceof JwksLocation.Discovered ? "by discovery" : "served by this service";
    }
}
