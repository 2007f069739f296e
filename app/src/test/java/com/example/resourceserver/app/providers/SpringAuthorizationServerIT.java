package com.example.resourceserver.app.providers;

import static com.example.resourceserver.app.support.OAuthClient.claims;
import static com.example.resourceserver.app.support.OAuthClient.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.example.resourceserver.app.support.OAuthClient;
import com.example.resourceserver.app.support.SpringAuthorizationServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The scenarios against Spring Authorization Server (src/test/sas), whose client-credentials access
 * tokens carry {@code scope} as a JSON array and no {@code typ} header. Its clients name their API as
 * the audience: {@code messages-client} (may ask for read:messages), {@code basic-client} (may not),
 * {@code other-api-client} (tokens for {@value #OTHER_API}), {@code short-lived-client} (5-second tokens).
 * Keys rotate by replacing its key file, which it reads on every use.
 */
class SpringAuthorizationServerIT extends ProviderScenarios {

    private SpringAuthorizationServer provider;
    private RSAKey signingKey;
    private RSAKey previousKey;

    static RSAKey newKey() {
        return TestKeys.rsaSigningKey("sas-" + System.nanoTime());
    }

    @Override
    void startProvider() {
        signingKey = newKey();
        provider = SpringAuthorizationServer.start(List.of(signingKey));
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
        return token("messages-client", "scope", SCOPE).accessToken();
    }

    @Override
    String tokenWithoutScope() {
        return token("basic-client").accessToken();
    }

    @Override
    OAuthClient.TokenResponse scopeRequestedByTheClientWithoutIt() {
        return token("basic-client", "scope", SCOPE);
    }

    @Override
    String tokenForTheOtherApi() {
        return token("other-api-client", "scope", SCOPE).accessToken();
    }

    @Override
    String shortLivedTokenWithScope() {
        return token("short-lived-client", "scope", SCOPE).accessToken();
    }

    @Override
    void publishNewSigningKey() {
        previousKey = signingKey;
        signingKey = newKey();
        // The new key first (it signs), the old one kept so its tokens still verify.
        provider.publish(List.of(signingKey, previousKey));
    }

    @Override
    void retireOldSigningKey() {
        provider.publish(List.of(signingKey));
    }

    @Test
    @Order(5)
    void withoutTheScopeParameterTheClientThatMayHaveItGets403() {
        // Spring Authorization Server grants only the scopes asked for: none asked, none granted.
        String token = token("messages-client").accessToken();
        assertEquals(List.of(API), claims(token).getAudience());
        assertFalse(scopes(token).contains(SCOPE));

        assertEquals(List.of(200, 200, 403), statuses(service, token), answers(service, token));
    }

    @Test
    @Order(6)
    void springAuthorizationServerTokensLookAsDocumented() throws Exception {
        // What docs/providers.md says about Spring Authorization Server's access tokens.
        String token = tokenWithScope();
        JWSHeader header = header(token);
        assertEquals(JWSAlgorithm.RS256, header.getAlgorithm());
        assertNull(header.getType()); // no typ header at all
        assertEquals(signingKey.getKeyID(), header.getKeyID());
        JWTClaimsSet claims = claims(token);
        assertEquals(provider.issuer(), claims.getIssuer()); // no trailing slash
        assertEquals(List.of(SCOPE), claims.getClaim("scope")); // a JSON array, not a string
        assertEquals("messages-client", claims.getSubject()); // client credentials: sub is the client
        assertNull(claims.getClaim("client_id"));
    }
}
