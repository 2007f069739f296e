package com.example.sas;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;

/**
 * The provider's keys, read from SAS_KEYS_FILE on every use: the test rotates them by replacing the file
 * (atomically), as a real deployment rotates them in its key store, without a restart. All keys are
 * published at the JWK set endpoint; the first one signs.
 */
final class KeyFile implements JWKSource<SecurityContext> {

    private final Path file;

    KeyFile(Path file) {
        this.file = file;
    }

    JWKSet keys() throws KeySourceException {
        try {
            return JWKSet.load(file.toFile());
        } catch (IOException | ParseException e) {
            throw new KeySourceException("cannot read the keys in " + file + ": " + e.getMessage(), e);
        }
    }

    String signingKid() throws KeySourceException {
        return keys().getKeys().get(0).getKeyID();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        return selector.select(keys());
    }
}
