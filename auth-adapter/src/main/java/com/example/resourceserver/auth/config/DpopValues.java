package com.example.resourceserver.auth.config;

import com.nimbusds.jose.JWSAlgorithm;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** Reads the DPoP settings that need more than a duration: the algorithm list and the Redis URI. */
final class DpopValues {

    private DpopValues() {}

    static Set<JWSAlgorithm> algorithms(String algorithms) {
        Set<JWSAlgorithm> set = new LinkedHashSet<>();
        for (String part : trimmed(algorithms).split(",")) {
            String name = part.trim();
            if (name.isEmpty()) {
                continue;
            }
            JWSAlgorithm algorithm = AlgorithmAllowList.SUPPORTED.get(name.toUpperCase(Locale.ROOT));
            if (algorithm == null) {
                throw new InvalidAuthConfigurationException("AUTH_DPOP_ALGORITHMS may list only asymmetric "
                        + "algorithms ("
                        + String.join(", ", AlgorithmAllowList.SUPPORTED.keySet())
                                .replace("EDDSA", "EdDSA") + "), not '" + name + "'.");
            }
            set.add(algorithm);
        }
        if (set.isEmpty()) {
            throw new InvalidAuthConfigurationException(
                    "AUTH_DPOP_ALGORITHMS must name at least one algorithm, " + "such as ES256.");
        }
        return Collections.unmodifiableSet(set);
    }

    static String redisUri(String redisUri) {
        String uri = trimmed(redisUri);
        if (uri.isEmpty()) {
            throw new InvalidAuthConfigurationException("REDIS_URI must be set when AUTH_DPOP_REPLAY_STORE is redis.");
        }
        try {
            URI parsed = new URI(uri);
            String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("redis") || scheme.equals("rediss")) && parsed.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // the sentence below
        }
        throw new InvalidAuthConfigurationException(
                "REDIS_URI must be a redis:// or rediss:// URI with a host, such as redis://redis:6379.");
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
