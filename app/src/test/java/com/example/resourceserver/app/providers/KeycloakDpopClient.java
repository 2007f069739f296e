package com.example.resourceserver.app.providers;

import com.example.resourceserver.auth.testing.TestKeys;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.dpop.DPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.DefaultDPoPProofFactory;
import com.nimbusds.oauth2.sdk.dpop.JWKThumbprintConfirmation;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.DPoPAccessToken;
import java.io.IOException;
import java.net.URI;

/**
 * A confidential Keycloak client that holds one DPoP key (RFC 9449), written the way a Java client would
 * write it with the Nimbus OAuth 2.0 SDK: {@link DefaultDPoPProofFactory} signs the proofs, for the token
 * request ({@code htm} POST, {@code htu} the token endpoint) and for each call of the API (with
 * {@code ath}, the hash of the access token). Nothing here is the service's own code.
 */
final class KeycloakDpopClient {

    private final JWK key;
    private final DPoPProofFactory proofs;

    private KeycloakDpopClient(JWK key, JWSAlgorithm algorithm) {
        this.key = key;
        try {
            this.proofs = new DefaultDPoPProofFactory(key, algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A client with a fresh P-256 key, signing ES256 proofs. */
    static KeycloakDpopClient withEcKey() {
        return new KeycloakDpopClient(TestKeys.ec(null), JWSAlgorithm.ES256);
    }

    /** A client with a fresh 2048-bit RSA key, signing RS256 proofs. */
    static KeycloakDpopClient withRsaKey() {
        return new KeycloakDpopClient(TestKeys.rsa(null), JWSAlgorithm.RS256);
    }

    /** The RFC 7638 SHA-256 thumbprint of the public key, base64url: what {@code cnf.jkt} must say. */
    String thumbprint() {
        try {
            return JWKThumbprintConfirmation.of(key.toPublicJWK()).getValue().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code grant_type=client_credentials} with {@code client_secret_basic}, the given scope (may be
     * null) and a DPoP proof for the token request; the token endpoint's parsed answer.
     */
    TokenResponse clientCredentials(String tokenEndpoint, String clientId, String secret, Scope scope) {
        URI endpoint = URI.create(tokenEndpoint);
        HTTPRequest request = new TokenRequest(
                        endpoint,
                        new ClientSecretBasic(new ClientID(clientId), new Secret(secret)),
                        new ClientCredentialsGrant(),
                        scope)
                .toHTTPRequest();
        try {
            request.setDPoP(proofs.createDPoPJWT("POST", endpoint));
            return TokenResponse.parse(request.send());
        } catch (JOSEException | ParseException e) {
            throw new AssertionError("the token request or its answer failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new AssertionError("POST " + endpoint + " failed: " + e, e);
        }
    }

    /** The DPoP-bound access token of a successful answer; an assertion error otherwise. */
    static String dpopAccessToken(TokenResponse response) {
        if (!response.indicatesSuccess()) {
            throw new AssertionError("the token endpoint refused: "
                    + response.toErrorResponse().getErrorObject().toJSONObject());
        }
        AccessToken token = response.toSuccessResponse().getTokens().getAccessToken();
        if (!(token instanceof DPoPAccessToken)) {
            throw new AssertionError("token_type " + token.getType() + " instead of DPoP");
        }
        return token.getValue();
    }

    /** A fresh proof (new {@code jti}, {@code iat} now) for one request that carries {@code accessToken}. */
    String proof(String method, URI uri, String accessToken) {
        try {
            return proofs.createDPoPJWT(method, uri, new DPoPAccessToken(accessToken))
                    .serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
