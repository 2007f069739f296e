package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.json.StrictJson;
import com.example.resourceserver.auth.jws.Verifiers;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a JWK set document keeping every usable public signing key and skipping the rest with a reason:
 * keys not meant for signing ({@code use: enc}, {@code key_ops} without {@code verify}: routine, DEBUG) and
 * keys meant for signing that cannot verify here (weak RSA, unknown {@code kty} or curve, malformed entries:
 * reported as {@link Parsed#unusable()}, which the fetch logs at WARN when the key set changes).
 *
 * <p>Our own because Nimbus's {@code JWKSet.parse} fails the whole set when one entry is malformed,
 * while one bad entry must not take all of an issuer's keys down.
 */
final class SigningKeySetParser {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeySetParser.class);

    /** The usable keys, public parts only, and why each other key meant for signing was left out. */
    record Parsed(JWKSet keys, List<String> unusable) {}

    private final String issuerName;

    SigningKeySetParser(String issuerName) {
        this.issuerName = issuerName;
    }

    /** Null when the document is not a JWK set at all. */
    Parsed parse(String content) {
        Map<String, Object> json;
        try {
            json = StrictJson.object(content);
        } catch (StrictJson.Invalid e) {
            return null;
        }
        if (!(json.get("keys") instanceof List<?> entries)) {
            return null;
        }
        List<JWK> usable = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> map)) {
                unusable.add("key set entry " + i + " is not a JSON object; skipped");
                continue;
            }
            JWK jwk;
            try {
                @SuppressWarnings("unchecked")
                JWK parsed = JWK.parse((Map<String, Object>) map);
                jwk = parsed;
            } catch (ParseException | RuntimeException e) {
                unusable.add("key set entry " + i + " is malformed and skipped: " + e.getMessage());
                continue;
            }
            if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
                LOG.debug(
                        "Issuer '{}': key {} skipped: not a signing key (use {})",
                        issuerName,
                        jwk.getKeyID(),
                        jwk.getKeyUse().identifier());
            } else if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
                // RFC 7517 §4.3: the key is meant only for the operations listed, and verifying is not one.
                LOG.debug(
                        "Issuer '{}': key {} skipped: key_ops {} without verify",
                        issuerName,
                        jwk.getKeyID(),
                        jwk.getKeyOperations());
            } else {
                try {
                    Verifiers.forIssuerKey(jwk); // the same test a token's verification makes
                    usable.add(jwk.toPublicJWK());
                } catch (JOSEException e) {
                    unusable.add("key " + jwk.getKeyID() + " cannot verify tokens and is skipped: " + e.getMessage());
                }
            }
        }
        return new Parsed(new JWKSet(usable), List.copyOf(unusable));
    }
}
