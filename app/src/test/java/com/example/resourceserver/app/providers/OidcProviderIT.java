package com.example.resourceserver.app.providers;

import static com.example.resourceserver.app.support.OAuthClient.claims;
import static com.example.resourceserver.app.support.OAuthClient.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.example.resourceserver.app.support.OAuthClient;
import com.example.resourceserver.app.support.OidcProviderServer;
import com.example.resourceserver.app.support.ProviderDpopClient;
import com.example.resourceserver.auth.testing.TestKeys;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The scenarios against panva/oidc-provider (src/test/oidc-provider/server.mjs), which issues RFC 9068
 * JWT access tokens ({@code typ: at+jwt}) when a client names a resource indicator (RFC 8707):
 * {@value #MESSAGES_RESOURCE} maps to the audience {@value #API}, {@value #OTHER_RESOURCE} to
 * {@value #OTHER_API}. Clients as in the Keycloak realm: {@code messages-client} (may ask for
 * read:messages), {@code basic-client} (may not), {@code short-lived-client} (5-second tokens).
 * Keys rotate by restarting it on the same port with another key set.
 */
class OidcProviderIT extends ProviderScenarios {

    static final String MESSAGES_RESOURCE = "urn:messages-api";
    static final String OTHER_RESOURCE = "urn:other-api";

    private OidcProviderServer provider;
    private RSAKey signingKey;
    private RSAKey previousKey;

    static RSAKey newKey() {
        return TestKeys.rsaSigningKey("op-" + System.nanoTime());
    }

    @Override
    void startProvider() {
        signingKey = newKey();
        provider = OidcProviderServer.start(List.of(signingKey));
    }

    @Override
    void stopProvider() {
        if (provider != null) {
            provider.close();
        }
    }

    @Override
    String issuer() {
        return provider.issuer();
    }

    OAuthClient.TokenResponse token(String clientId, String... parameters) {
        return OAuthClient.clientCredentials(provider.tokenEndpoint(), clientId, clientId + "-secret", parameters);
    }

    @Override
    String tokenWithScope() {
        return token("messages-client", "resource", MESSAGES_RESOURCE, "scope", SCOPE)
                .accessToken();
    }

    @Override
    String tokenWithoutScope() {
        return token("basic-client", "resource", MESSAGES_RESOURCE).accessToken();
    }

    @Override
    OAuthClient.TokenResponse scopeRequestedByTheClientWithoutIt() {
        return token("basic-client", "resource", MESSAGES_RESOURCE, "scope", SCOPE);
    }

    @Override
    String tokenForTheOtherApi() {
        return token("messages-client", "resource", OTHER_RESOURCE, "scope", SCOPE)
                .accessToken();
    }

    @Override
    String shortLivedTokenWithScope() {
        return token("short-lived-client", "resource", MESSAGES_RESOURCE, "scope", SCOPE)
                .accessToken();
    }

    @Override
    void publishNewSigningKey() {
        previousKey = signingKey;
        signingKey = newKey();
        // The new key first (it signs), the old one kept so its tokens still verify.
        provider.restartWith(List.of(signingKey, previousKey));
    }

    @Override
    void retireOldSigningKey() {
        provider.restartWith(List.of(signingKey));
    }

    @Test
    @Order(5)
    void withoutTheScopeAClientThatMayAskForItStillGets403() {
        // Unlike Keycloak, oidc-provider puts the resource's audience into every token for it.
        String token = token("messages-client", "resource", MESSAGES_RESOURCE).accessToken();
        assertEquals(List.of(API), claims(token).getAudience());
        assertFalse(scopes(token).contains(SCOPE));

        assertEquals(List.of(200, 200, 403), statuses(service, token), answers(service, token));
    }

    @Test
    @Order(6)
    void oidcProviderTokensLookAsDocumented() throws ParseException {
        // What docs/providers.md says about oidc-provider's JWT access tokens.
        String token = tokenWithScope();
        JWSHeader header = header(token);
        assertEquals(JWSAlgorithm.RS256, header.getAlgorithm());
        assertEquals(new JOSEObjectType("at+jwt"), header.getType()); // RFC 9068
        assertEquals(signingKey.getKeyID(), header.getKeyID());
        JWTClaimsSet claims = claims(token);
        assertEquals(provider.issuer(), claims.getIssuer()); // no trailing slash
        assertEquals(SCOPE, claims.getStringClaim("scope"));
        assertEquals("messages-client", claims.getStringClaim("client_id"));
        assertEquals("messages-client", claims.getSubject()); // client credentials: sub is the client
    }

    @Test
    @Order(7)
    void aDpopBoundJwtIsServedOnlyWithAFreshProofByItsKey() throws ParseException {
        // features.dPoP: a proof at the token endpoint binds the JWT access token to the client's key.
        ProviderDpopClient client = ProviderDpopClient.withNewKey();
        ProviderDpopClient.TokenResponse response = client.clientCredentials(
                provider.tokenEndpoint(),
                "messages-client",
                "messages-client-secret",
                "resource",
                MESSAGES_RESOURCE,
                "scope",
                SCOPE);
        String token = response.accessToken();
        assertEquals("DPoP", response.tokenType());
        assertEquals(new JOSEObjectType("at+jwt"), header(token).getType());
        assertEquals(
                client.thumbprint(), claims(token).getJSONObjectClaim("cnf").get("jkt"));

        DpopScenarios.servedOnlyWithAFreshProofByTheBoundKey(service, client, token);
    }
}
