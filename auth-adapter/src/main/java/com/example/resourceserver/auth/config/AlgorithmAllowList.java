package com.example.resourceserver.auth.config;

import com.nimbusds.jose.JWSAlgorithm;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code AUTH_ALGORITHMS}: a comma-separated list of JWS algorithm names, read case-insensitively. */
final class AlgorithmAllowList {

    /**
     * Asymmetric JWS algorithms that the JDK verifies without extra providers, by upper-case name. EdDSA
     * means Ed25519 keys here (Ed448 is not accepted).
     */
    static final Map<String, JWSAlgorithm> SUPPORTED = supported();

    private AlgorithmAllowList() {}

    /** The algorithms in the order given; a name outside {@link #SUPPORTED} stops startup. */
    static Set<JWSAlgorithm> parse(String value) {
        Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
        for (String part : (value == null ? "" : value).split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            String upper = name.toUpperCase(Locale.ROOT);
            JWSAlgorithm algorithm = SUPPORTED.get(upper);
            if (algorithm == null) {
                throw new InvalidAuthConfigurationException(whyNot(name, upper));
            }
            algorithms.add(algorithm);
        }
        if (algorithms.isEmpty()) {
            throw new InvalidAuthConfigurationException(
                    "AUTH_ALGORITHMS must name at least one algorithm, such as RS256.");
        }
        return algorithms;
    }

    private static String whyNot(String name, String upper) {
        if (upper.equals("NONE")) {
            return "AUTH_ALGORITHMS may not contain none: unsigned tokens are never accepted.";
        }
        if (upper.startsWith("HS")) {
            return "AUTH_ALGORITHMS may not contain " + name
                    + ": HMAC needs a shared secret and cannot be checked against a public key set.";
        }
        return "AUTH_ALGORITHMS contains unsupported algorithm '" + name + "': use a comma-separated list of "
                + String.join(
                        ", ",
                        SUPPORTED.values().stream().map(JWSAlgorithm::getName).toList()) + ".";
    }

    private static Map<String, JWSAlgorithm> supported() {
        Map<String, JWSAlgorithm> map = new LinkedHashMap<>();
        for (JWSAlgorithm algorithm : List.of(
                JWSAlgorithm.RS256,
                JWSAlgorithm.RS384,
                JWSAlgorithm.RS512,
                JWSAlgorithm.PS256,
                JWSAlgorithm.PS384,
                JWSAlgorithm.PS512,
                JWSAlgorithm.ES256,
                JWSAlgorithm.ES384,
                JWSAlgorithm.ES512,
                JWSAlgorithm.EdDSA)) {
            map.put(algorithm.getName().toUpperCase(Locale.ROOT), algorithm);
        }
        return Collections.unmodifiableMap(map);
    }
}
