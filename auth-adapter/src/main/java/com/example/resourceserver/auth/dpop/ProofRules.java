package com.example.resourceserver.auth.dpop;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.Set;

/**
 * What a DPoP proof must meet, besides matching its request.
 *
 * @param algorithms the asymmetric algorithms a proof may be signed with
 * @param maxAge     how old (by {@code iat}) a proof may be
 * @param leeway     clock-skew tolerance, applied to {@code iat} both ways
 * @param maxLength  longer proofs are refused before any decoding
 */
public record ProofRules(Set<JWSAlgorithm> algorithms, Duration maxAge, Duration leeway, int maxLength) {

    /**
     * A proof with a 4096-bit RSA key is about 2.3 KB; 4 KiB leaves room without inviting abuse, and stays well
     * inside the server's 8 KiB header limit, so that an oversized proof gets this precise refusal, not a 413.
     */
    public static final int DEFAULT_MAX_LENGTH = 4 * 1024;

    public ProofRules {
        algorithms = Set.copyOf(algorithms);
        if (algorithms.isEmpty() || maxAge.isNegative() || maxAge.isZero() || leeway.isNegative() || maxLength < 1) {
            throw new IllegalArgumentException("DPoP proof rules need algorithms, a positive max age, "
                    + "a non-negative leeway and a positive length bound");
        }
    }

    public ProofRules(Set<JWSAlgorithm> algorithms, Duration maxAge, Duration leeway) {
        this(algorithms, maxAge, leeway, DEFAULT_MAX_LENGTH);
    }
}
