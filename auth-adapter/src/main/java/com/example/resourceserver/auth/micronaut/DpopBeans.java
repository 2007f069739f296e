package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.config.DpopSettings;
import com.example.resourceserver.auth.dpop.DpopProofVerifier;
import com.example.resourceserver.auth.dpop.InMemoryProofReplayStore;
import com.example.resourceserver.auth.dpop.ProofReplayStore;
import com.example.resourceserver.auth.dpop.ProofRules;
import com.example.resourceserver.auth.dpop.RedisProofReplayStore;
import com.example.resourceserver.auth.issuer.Issuer;
import com.example.resourceserver.auth.issuer.Issuers;
import com.example.resourceserver.auth.jws.JwsReader;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds DPoP (RFC 9449) from the checked configuration: the replay store (in-process, or Redis shared by every
 * replica) and the proof verifier. Each issuer's mode is the issuer's own ({@link Issuer#dpopMode()}).
 */
@Factory
public class DpopBeans {

    private static final Logger LOG = LoggerFactory.getLogger(DpopBeans.class);

    /**
     * Where used proofs are remembered. Built at startup so that the Redis client starts connecting then, in
     * the background: startup never waits for Redis, and starts while it is down.
     */
    @Context
    @Bean(preDestroy = "close")
    ProofReplayStore proofReplayStore(AuthConfiguration configuration, Issuers issuers) {
        DpopSettings settings = configuration.dpop();
        LOG.info(
                "DPoP: proofs signed with {}, replay store {}; per issuer {}",
                settings.algorithmSet(),
                settings.replayStoreKind().name().toLowerCase(Locale.ROOT),
                issuers.all().stream()
                        .map(issuer -> issuer.name() + " " + issuer.dpopMode())
                        .collect(Collectors.joining(", ")));
        if (settings.replayStoreKind() == DpopSettings.ReplayStore.REDIS) {
            return new RedisProofReplayStore(
                    settings.redisUriChecked(),
                    settings.redisTimeoutDuration(),
                    RedisProofReplayStore.DEFAULT_KEY_PREFIX);
        }
        return new InMemoryProofReplayStore(settings.getReplayCacheMaxEntries());
    }

    @Singleton
    DpopProofVerifier dpopProofVerifier(AuthConfiguration configuration, ProofReplayStore store, JwsReader reader) {
        DpopSettings settings = configuration.dpop();
        ProofRules rules = new ProofRules(
                settings.algorithmSet(),
                settings.proofMaxAge(),
                configuration.policy().leeway());
        return new DpopProofVerifier(rules, store, reader);
    }
}
