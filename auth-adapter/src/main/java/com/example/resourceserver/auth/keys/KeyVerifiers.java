package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.jws.VerificationKey;
import com.example.resourceserver.auth.jws.Verifiers;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jwk.JWK;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signature verifier per public key of an issuer ({@link Verifiers#forIssuerKey}), built on first use and
 * kept while the key is in the key set, so that the public-key conversion happens once per key, not once per
 * request.
 */
final class KeyVerifiers {

    private static final Logger LOG = LoggerFactory.getLogger(KeyVerifiers.class);

    private final String issuerName;
    private final Map<JWK, JWSVerifier> verifiers = new ConcurrentHashMap<>();

    KeyVerifiers(String issuerName) {
        this.issuerName = issuerName;
    }

    /** The verifier for this key; null when the key cannot verify anything here. */
    JWSVerifier forKey(JWK key) {
        JWSVerifier verifier = verifiers.get(key);
        if (verifier == null) {
            verifier = create(key);
            if (verifier != null) {
                verifiers.putIfAbsent(key, verifier);
            }
        }
        return verifier;
    }

    /** The candidates with their verifiers; keys that cannot verify anything here are left out. */
    KeyLookup.Found found(List<JWK> candidates) {
        List<VerificationKey> found = new ArrayList<>(candidates.size());
        for (JWK candidate : candidates) {
            JWSVerifier verifier = forKey(candidate);
            if (verifier != null) {
                found.add(new VerificationKey(candidate, verifier));
            }
        }
        return new KeyLookup.Found(found);
    }

    /** Forgets the verifiers of keys that left the key set: they must stop verifying at once. */
    void retainOnly(Collection<JWK> current) {
        verifiers.keySet().retainAll(new HashSet<>(current));
    }

    private JWSVerifier create(JWK key) {
        try {
            return Verifiers.forIssuerKey(key);
        } catch (JOSEException e) {
            LOG.warn(
                    "Issuer '{}': key {} cannot be used for verification: {}",
                    issuerName,
                    key.getKeyID(),
                    e.getMessage());
            return null;
        }
    }
}
