package com.example.resourceserver.app.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.ConfigurationTest;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code AUTH_DPOP} ({@code auth.dpop.mode}) and its per-issuer override {@code auth.issuers.<name>.dpop}. */
class DpopModesTest {

    static final String PRIVATE = "/api/private";

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("k1");

    @RegisterExtension
    final TestIdentityProvider other = TestIdentityProvider.withKey("k2").audience("https://other-api/");

    final DpopClient client = DpopClient.es256();

    static String challenge(HttpResponse<String> response) {
        return response.headers().firstValue("WWW-Authenticate").orElse("");
    }

    @Test
    void requiredRefusesPlainBearerTokensAndOffersOnlyDpop() {
        ServiceUnderTest service = ServiceUnderTest.trusting(idp)
                .with("auth.dpop.mode", "required")
                .start();

        HttpResponse<String> bearer = service.getWithToken(PRIVATE, idp.valid(""));
        assertEquals(401, bearer.statusCode());
        assertTrue(challenge(bearer).contains(Reason.DPOP_REQUIRED.description()), challenge(bearer));
        assertEquals(
                200, client.get(service, PRIVATE, client.boundToken(idp, "")).statusCode());

        List<String> offered = service.get(PRIVATE).headers().allValues("WWW-Authenticate");
        assertEquals(1, offered.size(), offered.toString());
        assertTrue(offered.get(0).startsWith("DPoP realm=\"api\", algs=\"ES256 PS256 RS256\""), offered.toString());
        String metadata = service.get("/.well-known/oauth-protected-resource").body();
        assertTrue(metadata.contains("\"dpop_bound_access_tokens_required\":true"), metadata);
    }

    @Test
    void disabledReadsTheDpopSchemeAsNoCredentialsAndOffersOnlyBearer() {
        ServiceUnderTest service = ServiceUnderTest.trusting(idp)
                .with("auth.dpop.mode", "DISABLED")
                .start();

        HttpResponse<String> dpop = client.get(service, PRIVATE, client.boundToken(idp, ""));
        assertEquals(401, dpop.statusCode());
        assertEquals(
                List.of("Bearer realm=\"api\"" + metadataParameter(service)),
                dpop.headers().allValues("WWW-Authenticate"));
        assertEquals(200, service.getWithToken(PRIVATE, idp.valid("")).statusCode());
        String metadata = service.get("/.well-known/oauth-protected-resource").body();
        assertTrue(!metadata.contains("dpop_"), metadata);
    }

    @Test
    void eachIssuerCanHaveItsOwnMode() {
        ServiceUnderTest service = ServiceUnderTest.start(Map.of(
                "auth.issuers.strict.issuer", idp.issuer(),
                "auth.issuers.strict.audience", idp.audience(),
                "auth.issuers.strict.jwks-uri", idp.jwksUri().toString(),
                "auth.issuers.strict.dpop", "required",
                "auth.issuers.legacy.issuer", other.issuer(),
                "auth.issuers.legacy.audience", other.audience(),
                "auth.issuers.legacy.jwks-uri", other.jwksUri().toString(),
                "auth.issuers.legacy.dpop", "disabled"));
        try {
            HttpResponse<String> strictBearer = service.getWithToken(PRIVATE, idp.valid(""));
            assertTrue(challenge(strictBearer).contains(Reason.DPOP_REQUIRED.description()), challenge(strictBearer));
            assertEquals(
                    200,
                    client.get(service, PRIVATE, client.boundToken(idp, "")).statusCode());

            assertEquals(200, service.getWithToken(PRIVATE, other.valid("")).statusCode());
            HttpResponse<String> legacyDpop = client.get(service, PRIVATE, client.boundToken(other, ""));
            assertEquals(401, legacyDpop.statusCode());
            assertTrue(
                    challenge(legacyDpop).startsWith("DPoP error=\"invalid_token\"")
                            && challenge(legacyDpop).contains(Reason.DPOP_NOT_ACCEPTED.description()),
                    challenge(legacyDpop));

            // Some issuer accepts each scheme: both are offered, and DPoP-bound tokens are not required of all.
            assertEquals(
                    2,
                    service.get(PRIVATE).headers().allValues("WWW-Authenticate").size());
            String metadata =
                    service.get("/.well-known/oauth-protected-resource").body();
            assertTrue(metadata.contains("\"dpop_bound_access_tokens_required\":false"), metadata);
        } finally {
            service.close();
        }
    }

    @Test
    void anUnknownModeStopsStartupNamingTheSetting() {
        assertEquals(
                "AUTH_DPOP must be allowed, required or disabled.",
                ConfigurationTest.startupFailure(Map.of(
                        "auth.issuer", idp.issuer(),
                        "auth.audience", idp.audience(),
                        "auth.jwks-uri", idp.jwksUri().toString(),
                        "auth.dpop.mode", "sometimes")));
        assertEquals(
                "auth.issuers.x.dpop must be allowed, required or disabled.",
                ConfigurationTest.startupFailure(Map.of(
                        "auth.issuers.x.issuer", idp.issuer(),
                        "auth.issuers.x.audience", idp.audience(),
                        "auth.issuers.x.jwks-uri", idp.jwksUri().toString(),
                        "auth.issuers.x.dpop", "maybe")));
        assertEquals(
                "REDIS_URI must be set when AUTH_DPOP_REPLAY_STORE is redis.",
                ConfigurationTest.startupFailure(Map.of(
                        "auth.issuer", idp.issuer(),
                        "auth.audience", idp.audience(),
                        "auth.jwks-uri", idp.jwksUri().toString(),
                        "auth.dpop.replay-store", "redis")));
    }

    static String metadataParameter(ServiceUnderTest service) {
        return ", resource_metadata=\"http://127.0.0.1:" + service.port() + "/.well-known/oauth-protected-resource\"";
    }
}
