package com.example.resourceserver.auth.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Mints tokens the way an identity provider would, and also the ways an attacker would: every header
 * and claim is a plain map, so tests can put anything in them, and the signature is computed over
 * exactly the bytes sent. Defaults: RS256, {@code typ: JWT}, the key's kid, iss/aud as given,
 * sub, iat now, exp in five minutes.
 */
public final class TokenMint {

    private final JWK key;
    private final String issuer;
    private final String audience;

    public TokenMint(JWK key, String issuer, String audience) {
        this.key = key;
        this.issuer = issuer;
        this.audience = audience;
    }

    public Token token() {
        return new Token();
    }

    /** A valid token granting {@code scope} (space-delimited, may be empty). */
    public String valid(String scope) {
        Token token = token();
        if (!scope.isEmpty()) {
            token.claim("scope", scope);
        }
        return token.sign();
    }

    public final class Token {
        private final Map<String, Object> header = new LinkedHashMap<>();
        private final Map<String, Object> claims = new LinkedHashMap<>();
        private JWK signingKey = key;
        private byte[] hmacSecret;

        private Token() {
            header.put("alg", key instanceof ECKey ? "ES256" : "RS256");
            header.put("typ", "JWT");
            header.put("kid", key.getKeyID());
            long now = Instant.now().getEpochSecond();
            claims.put("iss", issuer);
            claims.put("aud", audience);
            claims.put("sub", "user-1");
            claims.put("iat", now);
            claims.put("exp", now + 300);
        }

        public Token header(String name, Object value) {
            if (value == null) {
                header.remove(name);
            } else {
                header.put(name, value);
            }
            return this;
        }

        public Token claim(String name, Object value) {
            if (value == null) {
                claims.remove(name);
            } else {
                claims.put(name, value);
            }
            return this;
        }

        public Token claims(Consumer<Map<String, Object>> edit) {
            edit.accept(claims);
            return this;
        }

        /** Sign with another key (the header's kid stays as it is unless changed too). */
        public Token signedWith(JWK other) {
            signingKey = other;
            return this;
        }

        /** Sign with HMAC using these bytes as secret (the "public key as HMAC secret" attack). */
        public Token hmacSecret(byte[] secret) {
            hmacSecret = secret;
            return this;
        }

        public String headerJson() {
            return JSONObjectUtils.toJSONString(header);
        }

        public String claimsJson() {
            return JSONObjectUtils.toJSONString(claims);
        }

        public String sign() {
            return signRaw(headerJson(), claimsJson());
        }

        /** Sign arbitrary header and payload text (which need not be JSON at all). */
        public String signRaw(String headerText, String payloadText) {
            String signingInput = Base64URL.encode(headerText.getBytes(StandardCharsets.UTF_8)) + "."
                    + Base64URL.encode(payloadText.getBytes(StandardCharsets.UTF_8));
            JWSAlgorithm alg = JWSAlgorithm.parse(String.valueOf(header.get("alg")));
            try {
                JWSSigner signer;
                if (hmacSecret != null) {
                    signer = new MACSigner(hmacSecret);
                } else if (signingKey instanceof RSAKey rsa) {
                    signer = new RSASSASigner(rsa);
                } else {
                    signer = new ECDSASigner((ECKey) signingKey);
                }
                Base64URL signature = signer.sign(new JWSHeader(alg), signingInput.getBytes(StandardCharsets.US_ASCII));
                return signingInput + "." + signature;
            } catch (JOSEException e) {
                throw new IllegalStateException("cannot sign a test token", e);
            }
        }
    }

    /** {@code alg: none}: header and payload, empty signature. */
    public static String unsigned(String issuer, String audience) {
        long now = Instant.now().getEpochSecond();
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}").toString();
        String payload = Base64URL.encode(JSONObjectUtils.toJSONString(Map.of(
                        "iss",
                        issuer,
                        "aud",
                        List.of(audience),
                        "sub",
                        "user-1",
                        "exp",
                        now + 300,
                        "scope",
                        "read:messages")))
                .toString();
        return header + "." + payload + ".";
    }
}
