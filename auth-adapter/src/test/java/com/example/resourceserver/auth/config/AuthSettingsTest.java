package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The settings types check themselves: token rules, key handling and the token cache. */
class AuthSettingsTest {

    private final AuthSettings auth = new AuthSettings();

    private static String failure(Runnable check) {
        return assertThrows(InvalidAuthConfigurationException.class, check::run).getMessage();
    }

    @Test
    void theDefaultPolicyAcceptsRs256WithAMinuteOfLeewayAndTheUsualTypes() {
        VerificationPolicy policy = auth.verificationPolicy();
        assertEquals(Set.of(JWSAlgorithm.RS256), policy.algorithms());
        assertEquals(Duration.ofSeconds(60), policy.leeway());
        assertEquals(VerificationPolicy.DEFAULT_TYPES, policy.allowedTypes());
        assertFalse(policy.typeRequired());
        assertEquals(16 * 1024, policy.maxTokenLength());
    }

    @Test
    void requireAtJwtNarrowsTheAcceptedTypes() {
        auth.setRequireAtJwtType(true);
        VerificationPolicy policy = auth.verificationPolicy();
        assertTrue(policy.typeRequired());
        assertEquals(VerificationPolicy.ACCESS_TOKEN_TYPES, policy.allowedTypes());
        assertEquals(Duration.ofSeconds(60), policy.leeway());
    }

    @Test
    void thePolicyIsReadFromTheAlgorithmAndLeewaySettings() {
        auth.setAlgorithms("ES256");
        auth.setLeeway("30s");
        VerificationPolicy policy = auth.verificationPolicy();
        assertEquals(Set.of(JWSAlgorithm.ES256), policy.algorithms());
        assertEquals(Duration.ofSeconds(30), policy.leeway());

        auth.setAlgorithms("HS256");
        assertTrue(failure(auth::verificationPolicy).startsWith("AUTH_ALGORITHMS may not contain HS256"));
        auth.setAlgorithms("RS256");
        auth.setLeeway("1h");
        assertTrue(failure(auth::verificationPolicy).startsWith("AUTH_LEEWAY must be a duration"));
    }

    @Test
    void tooSmallATokenLengthLimitStopsStartup() {
        auth.setMaxTokenLength(255);
        assertEquals("auth.max-token-length must be at least 256 characters.", failure(auth::verificationPolicy));
        auth.setMaxTokenLength(256);
        assertEquals(256, auth.verificationPolicy().maxTokenLength());
    }

    @Test
    void keySettingsMustFitTogether() {
        JwksSettings jwks = new JwksSettings();
        jwks.validate(); // defaults fit

        jwks.setMinRefreshInterval(Duration.ofMinutes(10));
        var e = assertThrows(InvalidAuthConfigurationException.class, jwks::validate);
        assertTrue(e.getMessage().startsWith("auth.jwks.min-refresh-interval must be shorter"));

        JwksSettings tight = new JwksSettings();
        tight.setCacheTtl(Duration.ofSeconds(10));
        tight.setMinRefreshInterval(Duration.ofSeconds(5));
        tight.setRefreshAhead(Duration.ofSeconds(8));
        e = assertThrows(InvalidAuthConfigurationException.class, tight::validate);
        assertTrue(e.getMessage().startsWith("auth.jwks.refresh-ahead plus auth.jwks.fetch-timeout"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cache-ttl", "refresh-ahead", "min-refresh-interval", "fetch-timeout", "stale-period"})
    void everyKeyDurationMustBePositive(String which) {
        for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(-1)}) {
            JwksSettings jwks = new JwksSettings();
            jwkSetter(jwks, which).accept(bad);
            assertEquals("Every auth.jwks duration must be positive.", failure(jwks::validate));
        }
    }

    private static Consumer<Duration> jwkSetter(JwksSettings jwks, String which) {
        return switch (which) {
            case "cache-ttl" -> jwks::setCacheTtl;
            case "refresh-ahead" -> jwks::setRefreshAhead;
            case "min-refresh-interval" -> jwks::setMinRefreshInterval;
            case "fetch-timeout" -> jwks::setFetchTimeout;
            default -> jwks::setStalePeriod;
        };
    }

    @Test
    void keyFetchTimeoutAndSizeLimitAreBounded() {
        JwksSettings jwks = new JwksSettings();
        jwks.setFetchTimeout(Duration.ofDays(30));
        assertEquals("auth.jwks.fetch-timeout is too long.", failure(jwks::validate));

        JwksSettings small = new JwksSettings();
        small.setSizeLimitBytes(1023);
        assertEquals("auth.jwks.size-limit-bytes must be at least 1024.", failure(small::validate));
        small.setSizeLimitBytes(1024);
        small.validate();
    }

    @Test
    void tokenCacheBoundsMustBePositive() {
        new TokenCacheSettings().validate(); // defaults fit

        TokenCacheSettings cache = new TokenCacheSettings();
        cache.setMaxEntries(0);
        assertEquals("auth.token-cache.max-entries must be at least 1.", failure(cache::validate));

        cache = new TokenCacheSettings();
        cache.setMaxBytes(0);
        assertEquals("auth.token-cache.max-bytes must be at least 1.", failure(cache::validate));

        for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(-1)}) {
            cache = new TokenCacheSettings();
            cache.setMaxTtl(bad);
            assertEquals("auth.token-cache.max-ttl must be a positive duration such as 5m.", failure(cache::validate));
        }
    }

    @Test
    void tokenCacheBoundsAreCheckedEvenWhenTheCacheIsOff() {
        TokenCacheSettings cache = new TokenCacheSettings();
        cache.setEnabled(false);
        cache.setMaxEntries(0);
        assertEquals("auth.token-cache.max-entries must be at least 1.", failure(cache::validate));
    }
}
