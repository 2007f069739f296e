package com.example.resourceserver.app.dpop;

import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * A DPoP client as RFC 9449 describes it: a key pair of its own, proofs made by Nimbus's OAuth SDK (the
 * library real Java clients use), one fresh proof per request.
 */
final class DpopClient {

    final JWK key;
    final JWSAlgorithm alg;
    private final DefaultDPoPProofFactory factory;

    private DpopClient(JWK key, JWSAlgorithm alg) {
        this.key = key;
        this.alg = alg;
        try {
            this.factory = new DefaultDPoPProofFactory(key, alg);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static DpopClient es256() {
        try {
            return new DpopClient(new ECKeyGenerator(Curve.P_256).generate(), JWSAlgorithm.ES256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static DpopClient rs256() {
        try {
            return new DpopClient(new RSAKeyGenerator(2048).generate(), JWSAlgorithm.RS256);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 7638 SHA-256 thumbprint of the public key: what a DPoP-bound token's {@code cnf.jkt} holds. */
    String thumbprint() {
        try {
            return key.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An access token of {@code idp} bound to this client's key, granting {@code scope} (may be empty). */
    String boundToken(TestIdentityProvider idp, String scope) {
        var token = idp.token().claim("cnf", Map.of("jkt", thumbprint()));
        if (!scope.isEmpty()) {
            token.claim("scope", scope);
        }
        return token.sign();
    }

    /** A fresh proof for {@code method} on {@code uri}, carrying the hash of {@code accessToken}. */
    String proof(String method, String uri, String accessToken) {
        try {
            return factory.createDPoPJWT(method, URI.create(uri), new DPoPAccessToken(accessToken))
                    .serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The URL the test client calls, as the proof must name it. */
    static String url(ServiceUnderTest service, String path) {
        return "http://127.0.0.1:" + service.port() + path;
    }

    /** GET {@code path} with {@code Authorization: DPoP <token>} and the given proof. */
    static HttpResponse<String> get(ServiceUnderTest service, String path, String token, String proof) {
        return service.get(path, "Authorization", "DPoP " + token, "DPoP", proof);
    }

    /** GET {@code path} with a fresh, correct proof. */
    HttpResponse<String> get(ServiceUnderTest service, String path, String token) {
        return get(service, path, token, proof("GET", url(service, path), token));
    }
}
