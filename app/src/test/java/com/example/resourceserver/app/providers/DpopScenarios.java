package com.example.resourceserver.app.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.ProviderDpopClient;
import com.example.resourceserver.app.support.ServiceUnderTest;
import java.net.http.HttpResponse;

/**
 * What a DPoP-bound token from a real provider must meet at the service (RFC 9449), whatever its format:
 * served with a fresh proof by the bound key, refused with a replayed proof, as a bearer token, and with
 * a proof by another key.
 */
final class DpopScenarios {

    static final String PATH = "/api/private";

    private DpopScenarios() {}

    static void servedOnlyWithAFreshProofByTheBoundKey(
            ServiceUnderTest service, ProviderDpopClient client, String token) {
        String proof = client.proof("GET", ProviderDpopClient.uriOf(service, PATH), token);
        HttpResponse<String> served = ProviderDpopClient.withProof(service, PATH, token, proof);
        assertEquals(200, served.statusCode(), served.headers().map() + " " + served.body());

        HttpResponse<String> replayed = ProviderDpopClient.withProof(service, PATH, token, proof);
        assertEquals(401, replayed.statusCode(), "a proof is used once (RFC 9449 §11.1): " + replayed.body());
        String challenge = challenge(replayed);
        assertTrue(
                challenge.startsWith("DPoP ") && challenge.contains("error=\"invalid_dpop_proof\""),
                "WWW-Authenticate: " + challenge);

        HttpResponse<String> asBearer = service.getWithToken(PATH, token);
        assertEquals(401, asBearer.statusCode(), "a bound token is no bearer token (RFC 9449 §7.2)");
        assertTrue(challenge(asBearer).contains("error=\"invalid_token\""), "WWW-Authenticate: " + challenge(asBearer));

        HttpResponse<String> otherKey = ProviderDpopClient.withNewKey().get(service, PATH, token);
        assertEquals(401, otherKey.statusCode(), "a proof by a key the token is not bound to: " + otherKey.body());

        HttpResponse<String> scoped = client.get(service, "/api/private-scoped", token);
        assertEquals(200, scoped.statusCode(), "a fresh proof again, for the scoped route: " + scoped.body());
    }

    private static String challenge(HttpResponse<String> response) {
        return String.join(", ", response.headers().allValues("WWW-Authenticate"));
    }
}
