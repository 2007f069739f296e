package com.example.resourceserver.auth.config;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The rules every token must meet, whatever its issuer.
 *
 * @param algorithms     the JWS algorithm allow-list
 * @param leeway         clock-skew tolerance for exp, nbf and iat
 * @param allowedTypes   accepted {@code typ} values (compared case-insensitively by {@link JOSEObjectType})
 * @param typeRequired   whether a token without {@code typ} is rejected
 * @param maxTokenLength longer tokens are rejected before parsing
 */
public record VerificationPolicy(
        Set<JWSAlgorithm> algorithms,
        Duration leeway,
        Set<JOSEObjectType> allowedTypes,
        boolean typeRequired,
        int maxTokenLength) {

    /** RFC 9068 §4 names {@code at+jwt}; {@code application/at+jwt} is the same media type in full. */
    public static final Set<JOSEObjectType> ACCESS_TOKEN_TYPES =
            Set.of(new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"));

    public static final Set<JOSEObjectType> DEFAULT_TYPES =
            Set.of(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"));

    public VerificationPolicy {
        algorithms = Collections.unmodifiableSet(new LinkedHashSet<>(algorithms)); // keeps the configured order
        allowedTypes = Set.copyOf(allowedTypes);
        Objects.requireNonNull(leeway, "leeway");
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one algorithm must be allowed");
        }
    }
}
