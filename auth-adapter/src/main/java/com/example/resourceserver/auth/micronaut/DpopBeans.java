package com.example.resourceserver.auth.micronaut;

import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.config.DpopModes;
import com.example.resourceserver.auth.config.DpopSettings;
import com.example.resourceserver.auth.config.InvalidAuthConfigurationException;
import com.example.resourceserver.auth.config.IssuerDpopSettings;
import com.example.resourceserver.auth.token.dpop.DpopProofVerifier;
import com.example.resourceserver.auth.token.dpop.InMemoryProofReplayStore;
import com.example.resourceserver.auth.token.dpop.ProofReplayStore;
import com.example.resourceserver.auth.token.dpop.ProofRules;
import com.example.resourceserver.auth.token.dpop.RedisProofReplayStore;
import com.example.resourceserver.domain.access.AcceptedSchemes;
import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds DPoP (RFC 9449) from {@code auth.dpop.*} and {@code auth.issuers.<name>.dpop} at startup, so that a
 * wrong setting stops it with one sentence: the mode of each issuer, the proof verifier and the replay store
 * (in-process, or Redis shared by every replica).
 */
@Factory
public class DpopBeans {

    private static final Logger LOG = LoggerFactory.getLogger(DpopBeans.class);

    @Context
    DpopModes dpopModes(DpopSettings settings, List<IssuerDpopSettings> named, AuthConfiguration configuration) {
        try {
            settings.validate();
            DpopModes modes = DpopModes.resolve(settings, named, configuration.issuers());
            LOG.info(
                    "DPoP: {} by default, proofs signed with {}, replay store {}",
                    settings.mode().name().toLowerCase(java.util.Locale.ROOT),
                    settings.algorithmSet(),
                    settings.replayStoreKind().name().toLowerCase(java.util.Locale.ROOT));
            return modes;
        } catch (InvalidAuthConfigurationException e) {
            throw new ConfigurationException(e.getMessage(), e);
        }
    }

    /**
     * Where used proofs are remembered. Built at startup so that the Redis client starts connecting then, in
     * the background: startup never waits for Redis, and starts while it is down.
     */
    @Context
    @Bean(preDestroy = "close")
    ReplayStoreHandle proofReplayStore(DpopSettings settings, DpopModes checkedFirst) {
        // DpopModes is built first because it checks every DPoP setting: a wrong one stops startup with its sentence.
        if (settings.replayStoreKind() == DpopSettings.ReplayStore.REDIS) {
            RedisProofReplayStore redis = new RedisProofReplayStore(
                    settings.redisUriChecked(),
                    settings.redisTimeoutDuration(),
                    RedisProofReplayStore.DEFAULT_KEY_PREFIX);
            return new ReplayStoreHandle(redis);
        }
        return new ReplayStoreHandle(new InMemoryProofReplayStore(settings.getReplayCacheMaxEntries()));
    }

    @Singleton
    DpopProofVerifier dpopProofVerifier(
            DpopSettings settings, AuthConfiguration configuration, ReplayStoreHandle store) {
        ProofRules rules = new ProofRules(
                settings.algorithmSet(),
                settings.proofMaxAge(),
                configuration.policy().leeway());
        return new DpopProofVerifier(rules, store.store());
    }

    /** The schemes offered in challenges and the RFC 9728 metadata. */
    @Singleton
    AcceptedSchemes acceptedSchemes(DpopModes modes, DpopSettings settings) {
        List<String> algorithms =
                settings.algorithmSet().stream().map(JWSAlgorithm::getName).toList();
        return new AcceptedSchemes() {
            @Override
            public boolean bearer() {
                return modes.someAcceptBearer();
            }

            @Override
            public boolean dpop() {
                return modes.someAcceptDpop();
            }

            @Override
            public List<String> dpopAlgorithms() {
                return algorithms;
            }
        };
    }

    /** The replay store, as one bean for readiness and shutdown, whichever kind it is. */
    public record ReplayStoreHandle(ProofReplayStore store) {

        /** The Redis store, or null for the in-process one. */
        public RedisProofReplayStore redis() {
            return store instanceof RedisProofReplayStore redis ? redis : null;
        }

        public void close() {
            if (store instanceof RedisProofReplayStore redis) {
                redis.close();
            }
        }
    }
}
