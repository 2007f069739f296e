package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class DpopSettingsTest {

    private static String errorOf(Consumer<DpopSettings> change) {
        DpopSettings settings = new DpopSettings();
        change.accept(settings);
        return assertThrows(InvalidAuthConfigurationException.class, settings::validate)
                .getMessage();
    }

    @Test
    void theDefaultsAreValid() {
        DpopSettings settings = new DpopSettings();
        settings.validate();
        assertEquals(Duration.ofSeconds(60), settings.proofMaxAge());
        assertEquals(
                List.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256, JWSAlgorithm.RS256),
                List.copyOf(settings.algorithmSet()));
        assertEquals(DpopSettings.ReplayStore.MEMORY, settings.replayStoreKind());
        assertEquals(Duration.ofMillis(500), settings.redisTimeoutDuration());
    }

    @Test
    void valuesAreReadAsPeopleTypeThem() {
        DpopSettings settings = new DpopSettings();
        settings.setProofMaxAge("2m");
        settings.setAlgorithms("eddsa, es256");
        settings.setReplayStore("REDIS");
        settings.setRedisUri("redis://:secret@redis:6379/0");
        settings.setRedisTimeout("250ms");
        settings.validate();
        assertEquals(Duration.ofMinutes(2), settings.proofMaxAge());
        assertEquals(List.of(JWSAlgorithm.EdDSA, JWSAlgorithm.ES256), List.copyOf(settings.algorithmSet()));
        assertEquals("redis://:secret@redis:6379/0", settings.redisUriChecked());
        assertEquals(Duration.ofMillis(250), settings.redisTimeoutDuration());
    }

    @Test
    void eachWrongValueStopsStartupWithOneSentenceNamingItsVariable() {
        assertEquals(
                "AUTH_DPOP_PROOF_MAX_AGE must be a duration from 1s to 5m, such as 60s.",
                errorOf(s -> s.setProofMaxAge("0s")));
        assertEquals(
                "AUTH_DPOP_PROOF_MAX_AGE must be a duration from 1s to 5m, such as 60s.",
                errorOf(s -> s.setProofMaxAge("1h")));
        assertEquals(
                "AUTH_DPOP_ALGORITHMS may list only asymmetric algorithms (RS256, RS384, RS512, PS256, PS384, "
                        + "PS512, ES256, ES384, ES512, EdDSA), not 'HS256'.",
                errorOf(s -> s.setAlgorithms("ES256,HS256")));
        assertEquals(
                "AUTH_DPOP_ALGORITHMS must name at least one algorithm, such as ES256.",
                errorOf(s -> s.setAlgorithms(" , ")));
        assertEquals("AUTH_DPOP_REPLAY_STORE must be memory or redis.", errorOf(s -> s.setReplayStore("disk")));
        assertEquals(
                "REDIS_URI must be set when AUTH_DPOP_REPLAY_STORE is redis.", errorOf(s -> s.setReplayStore("redis")));
        assertEquals(
                "AUTH_DPOP_REDIS_TIMEOUT must be a duration from 1ms to 5s, such as 500ms.",
                errorOf(s -> s.setRedisTimeout("10s")));
        assertEquals(
                "AUTH_DPOP_REPLAY_CACHE_MAX_ENTRIES must be at least 1.", errorOf(s -> s.setReplayCacheMaxEntries(0)));
    }

    @Test
    void aMalformedRedisUriIsRefusedWithoutRepeatingIt() {
        for (String uri : List.of("http://redis:6379", "redis://", "not a uri :secret@")) {
            String error = errorOf(s -> {
                s.setReplayStore("redis");
                s.setRedisUri(uri);
            });
            assertEquals(
                    "REDIS_URI must be a redis:// or rediss:// URI with a host, such as redis://redis:6379.", error);
        }
    }

    @Test
    void theRedisUriIsNotNeededWithTheMemoryStore() {
        DpopSettings settings = new DpopSettings();
        settings.setRedisUri("not checked");
        settings.validate();
    }
}
