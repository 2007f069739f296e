package com.example.resourceserver.auth.dpop;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DPoP proofs for tests: valid ones from Nimbus's OAuth SDK (as a real client makes them), and hand-built
 * ones, signed for real, whose header or claims break exactly one rule.
 */
final class Proofs {

    private Proofs() {}

    /** A proof as Nimbus's {@link DefaultDPoPProofFactory} makes it. */
    static String fromFactory(
            JWK key, JWSAlgorithm alg, String jti, String htm, String htu, Instant iat, String accessToken) {
        try {
            return new DefaultDPoPProofFactory(key, alg)
                    .createDPoPJWT(
                            new JWTID(jti), htm, URI.create(htu), Date.from(iat), new DPoPAccessToken(accessToken))
                    .serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header of a well-formed proof signed by {@code key}, to be changed by a test. */
    static Map<String, Object> header(JWK key, JWSAlgorithm alg) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("typ", "dpop+jwt");
        header.put("alg", alg.getName());
        header.put("jwk", key.toPublicJWK().toJSONObject());
        return header;
    }

    /** The claims of a well-formed proof, to be changed by a test. */
    static Map<String, Object> claims(String jti, String htm, String htu, Instant iat, String accessToken) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("jti", jti);
        claims.put("htm", htm);
        claims.put("htu", htu);
        claims.put("iat", iat.getEpochSecond());
        claims.put("ath", DpopProofVerifier.accessTokenHash(accessToken));
        return claims;
    }

    /** Signs with a key and algorithm. */
    @FunctionalInterface
    interface Signer {
        Base64URL sign(byte[] input);
    }

    static String signed(Map<String, Object> header, Map<String, Object> claims, Signer signer) {
        return signed(JSONObjectUtils.toJSONString(header), JSONObjectUtils.toJSONString(claims), signer);
    }

    /** Signs the two JSON texts exactly as given (so they may repeat members). */
    static String signed(String headerJson, String claimsJson, Signer signer) {
        String input = Base64URL.encode(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + Base64URL.encode(claimsJson.getBytes(StandardCharsets.UTF_8));
        return input + "." + signer.sign(input.getBytes(StandardCharsets.US_ASCII));
    }

    /** Nimbus's signer for the key (EC, RSA of any size, or a secret for HMAC). */
    static Signer signer(JWK key, JWSAlgorithm alg) {
        return input -> {
            try {
                JWSHeader header = new JWSHeader(alg);
                if (key instanceof ECKey ec) {
                    return new ECDSASigner(ec).sign(header, input);
                }
                if (key instanceof RSAKey rsa) {
                    return new RSASSASigner(rsa.toPrivateKey(), true).sign(header, input);
                }
                return new MACSigner(key.toOctetSequenceKey()).sign(header, input);
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** An Ed25519 key made and used by the JDK (Nimbus's own Ed25519 signer needs Google Tink). */
    record Ed25519(KeyPair pair, OctetKeyPair jwk) {

        static Ed25519 generate() {
            try {
                KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
                byte[] spki = pair.getPublic().getEncoded();
                byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
                return new Ed25519(pair, new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).build());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        Signer signer() {
            return input -> {
                try {
                    Signature signer = Signature.getInstance("Ed25519");
                    signer.initSign(pair.getPrivate());
                    signer.update(input);
                    return Base64URL.encode(signer.sign());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
        }
    }
}
