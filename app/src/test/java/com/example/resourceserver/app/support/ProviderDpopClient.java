package com.example.resourceserver.app.support;

import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.example.resourceserver.auth.testing.TestKeys;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;

/**
 * An OAuth client holding a DPoP key (RFC 9449), its proofs built by the Nimbus OAuth 2.0 SDK's
 * {@link DefaultDPoPProofFactory} (code nobody here wrote): one ES256 (or RS256) key per client, a fresh {@code jti}
 * and {@code iat} in every proof, {@code ath} when a proof accompanies an access token. It obtains
 * DPoP-bound tokens by client credentials (a proof for {@code POST <token endpoint>}) and calls the service
 * with {@code Authorization: DPoP <token>} and a {@code DPoP} proof.
 */
public final class ProviderDpopClient {

    private final JWK key;
    private final DPoPProofFactory proofs;

    private ProviderDpopClient(JWK key, JWSAlgorithm alg) {
        this.key = key;
        try {
            this.proofs = new DefaultDPoPProofFactory(key, alg);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client with a new P-256 key, signing ES256. */
    public static ProviderDpopClient withNewKey() {
        return new ProviderDpopClient(TestKeys.ec(null), JWSAlgorithm.ES256);
    }

    /** A client with a new 2048-bit RSA key, signing RS256. */
    public static ProviderDpopClient withNewRsaKey() {
        return new ProviderDpopClient(TestKeys.rsa(null), JWSAlgorithm.RS256);
    }

    /** An access token of the test issuer bound to this client's key ({@code cnf.jkt}), granting {@code scope}. */
    public String boundToken(TestIdentityProvider idp, String scope) {
        var token = idp.token().claim("cnf", Map.of("jkt", thumbprint()));
        if (!scope.isEmpty()) {
            token.claim("scope", scope);
        }
        return token.sign();
    }

    /** The RFC 7638 SHA-256 thumbprint of the public key: what a bound token's {@code cnf.jkt} must be. */
    public String thumbprint() {
        try {
            return key.toPublicJWK().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh proof for a request without an access token (the token endpoint's). */
    public String proof(String method, URI uri) {
        try {
            return proofs.createDPoPJWT(method, uri).serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh proof for a request carrying this access token ({@code ath} its SHA-256). */
    public String proof(String method, URI uri, String accessToken) {
        try {
            return proofs.createDPoPJWT(method, uri, new DPoPAccessToken(accessToken))
                    .serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same, for a URI written out (possibly in another spelling of the same URI). */
    public String proof(String method, String uri, String accessToken) {
        return proof(method, URI.create(uri), accessToken);
    }

    /** The token endpoint's answer: its status and JSON members. */
    public record TokenResponse(int status, Map<String, Object> body) {
        public String accessToken() {
            if (status != 200 || !(body.get("access_token") instanceof String token)) {
                throw new AssertionError("no access token: HTTP " + status + " " + body);
            }
            return token;
        }

        public Object tokenType() {
            return body.get("token_type");
        }
    }

    /** Client credentials with a DPoP proof, so the token is bound to this client's key. */
    public TokenResponse clientCredentials(String tokenEndpoint, String clientId, String secret, String... parameters) {
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        for (int i = 0; i < parameters.length; i += 2) {
            form.append('&').append(encode(parameters[i])).append('=').append(encode(parameters[i + 1]));
        }
        URI endpoint = URI.create(tokenEndpoint);
        String basic = Base64.getEncoder()
                .encodeToString((encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = OAuthClient.send(HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .header("DPoP", proof("POST", endpoint))
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build());
        try {
            return new TokenResponse(response.statusCode(), JSONObjectUtils.parse(response.body()));
        } catch (ParseException e) {
            throw new AssertionError("not JSON from the token endpoint: " + response.body(), e);
        }
    }

    /** {@code GET path} at the service with the token as DPoP and a fresh proof for exactly that request. */
    public HttpResponse<String> get(ServiceUnderTest service, String path, String accessToken) {
        return withProof(service, path, accessToken, proof("GET", uriOf(service, path), accessToken));
    }

    /** {@code GET path} with the token as DPoP and the given proof (to replay one). */
    public static HttpResponse<String> withProof(
            ServiceUnderTest service, String path, String accessToken, String proof) {
        return service.get(path, "Authorization", "DPoP " + accessToken, "DPoP", proof);
    }

    /** The URI the service sees for a request to it ({@code htu}): its Host header and scheme, no query. */
    public static URI uriOf(ServiceUnderTest service, String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
