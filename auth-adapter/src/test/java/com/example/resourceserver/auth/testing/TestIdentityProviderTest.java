package com.example.resourceserver.auth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestIdentityProviderTest {

    static HttpResponse<String> get(URI uri) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<String> publishedKids(TestIdentityProvider idp) throws Exception {
        return JWKSet.parse(get(idp.jwksUri()).body()).getKeys().stream()
                .map(k -> k.getKeyID())
                .toList();
    }

    @Test
    void publishesItsKeyAndMintsTokensOfItsIssuerAndAudience() throws Exception {
        try (TestIdentityProvider idp = TestIdentityProvider.withKey("k1").audience("https://other/")) {
            assertEquals(List.of("k1"), publishedKids(idp));
            SignedJWT token = SignedJWT.parse(idp.valid("read:messages"));
            assertEquals("k1", token.getHeader().getKeyID());
            assertEquals(idp.issuer(), token.getJWTClaimsSet().getIssuer());
            assertEquals(List.of("https://other/"), token.getJWTClaimsSet().getAudience());
            assertEquals(idp.jwksUri().toString(), idp.issuer() + JwksServer.JWKS_PATH);
            assertEquals(1, idp.jwksFetches());
        }
    }

    @Test
    void keysRotateAndTheKeySetFailsOnCommand() throws Exception {
        try (TestIdentityProvider idp = TestIdentityProvider.withKey("k1")) {
            RSAKey added = idp.addKey("k2");
            assertEquals(List.of("k1", "k2"), publishedKids(idp));
            assertEquals(
                    "k2", SignedJWT.parse(idp.mint(added).valid("")).getHeader().getKeyID());

            idp.removeKey(idp.key());
            assertEquals(List.of("k2"), publishedKids(idp));

            idp.mode(JwksServer.Mode.FAIL_500);
            assertEquals(500, get(idp.jwksUri()).statusCode());
            idp.mode(JwksServer.Mode.SERVE);
            assertEquals(200, get(idp.jwksUri()).statusCode());
        }
    }

    @Test
    void closingStopsTheDependentsLastFirstThenTheServer() throws Exception {
        TestIdentityProvider idp = TestIdentityProvider.withKey("k1");
        List<String> closed = new ArrayList<>();
        idp.closeAfterwards(() -> closed.add("first"));
        idp.closeAfterwards(() ->
                closed.add("second: server still up " + (get(idp.jwksUri()).statusCode() == 200)));

        idp.close();
        idp.close();

        assertEquals(List.of("second: server still up true", "first"), closed);
        assertThrows(IOException.class, () -> get(idp.jwksUri()));
    }
}
