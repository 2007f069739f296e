package com.example.resourceserver.auth.keys;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyOperation;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a JWK set document keeping every usable public signing key and skipping the rest (unknown
 * {@code kty}, {@code use: enc}, {@code key_ops} without {@code verify}, symmetric keys, weak RSA,
 * malformed entries) with a log line.
 *
 * <p>Our own because Nimbus's {@code JWKSet.parse} fails the whole set when one entry is malformed,
 * while one bad entry must not take all of an issuer's keys down.
 */
final class SigningKeySetParser {

    static final int MIN_RSA_KEY_BITS = 2048;
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeySetParser.class);

    private final String issuerName;

    SigningKeySetParser(String issuerName) {
        this.issuerName = issuerName;
    }

    /** The usable signing keys, public parts only; fails only when the document is not a JWK set at all. */
    JWKSet parse(String content) throws ParseException {
        Map<String, Object> json = JSONObjectUtils.parse(content);
        List<Object> entries = JSONObjectUtils.getJSONArray(json, "keys");
        if (entries == null) {
            throw new ParseException("no keys member", 0);
        }
        List<JWK> usable = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!(entries.get(i) instanceof Map<?, ?> map)) {
                LOG.warn("Issuer '{}': key set entry {} is not a JSON object; skipped", issuerName, i);
                continue;
            }
            try {
                @SuppressWarnings("unchecked")
                JWK jwk = JWK.parse((Map<String, Object>) map);
                skipReason(jwk)
                        .ifPresentOrElse(
                                reason -> LOG.debug(
                                        "Issuer '{}': key {} skipped: {}", issuerName, jwk.getKeyID(), reason),
                                () -> usable.add(jwk.toPublicJWK()));
            } catch (ParseException | RuntimeException e) {
                LOG.warn("Issuer '{}': key set entry {} is malformed and skipped: {}", issuerName, i, e.getMessage());
            }
        }
        return new JWKSet(usable);
    }

    private static Optional<String> skipReason(JWK jwk) {
        if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
            return Optional.of("not a signing key (use " + jwk.getKeyUse().identifier() + ")");
        }
        if (jwk.getKeyOperations() != null && !jwk.getKeyOperations().contains(KeyOperation.VERIFY)) {
            // RFC 7517 §4.3: the key is meant only for the operations listed, and verifying is not one.
            return Optional.of("key_ops " + jwk.getKeyOperations() + " without verify");
        }
        if (jwk instanceof RSAKey rsa) {
            return rsa.size() < MIN_RSA_KEY_BITS ? Optional.of("RSA key shorter than 2048 bits") : Optional.empty();
        }
        if (jwk instanceof ECKey) {
            return Optional.empty();
        }
        if (jwk instanceof OctetKeyPair okp) {
            return Curve.Ed25519.equals(okp.getCurve())
                    ? Optional.empty()
                    : Optional.of("OKP curve " + okp.getCurve() + " is not used for verification here");
        }
        return Optional.of("key type " + jwk.getKeyType() + " is not used for verification here");
    }
}
