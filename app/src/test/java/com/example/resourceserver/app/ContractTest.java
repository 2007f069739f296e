package com.example.resourceserver.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.RawHttp;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.nimbusds.jose.jwk.RSAKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The routes, statuses, challenges and bodies of the team's quickstart contract (kept outside this
 * repository), end to end: real HTTP in, tokens verified against a JWKS served over real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContractTest {

    static final String PUBLIC_BODY =
            "{\"message\":\"Hello from a public endpoint! You don't need to be authenticated to see this.\"}";
    static final String PRIVATE_BODY =
            "{\"message\":\"Hello from a private endpoint! You need to be authenticated to see this.\"}";
    static final String SCOPED_BODY = "{\"message\":\"Hello from a private endpoint! You need to be authenticated "
            + "and have a scope of read:messages to see this.\"}";
    static final String NO_CREDENTIALS_BODY = "{\"error\":\"unauthorized\",\"error_description\":"
            + "\"Authentication is required: send an access token as Authorization: Bearer <token>\"}";

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("contract-key");

    final TokenMint mint = idp.mint();

    ServiceUnderTest service; // stopped before the identity provider

    @BeforeAll
    void start() {
        service = settings().start();
    }

    /** The service's settings: it trusts {@code idp}. */
    ServiceUnderTest.Settings settings() {
        return ServiceUnderTest.trusting(idp);
    }

    RawHttp.Response get(String path, String... headers) {
        return RawHttp.get(service.port(), path, headers);
    }

    RawHttp.Response withToken(String path, String token) {
        return get(path, "Authorization: Bearer " + token);
    }

    /** RFC 9728 §5.1: every 401 names the metadata of the resource the client asked (here by Host 127.0.0.1:port). */
    /** Without credentials, both schemes are offered: Bearer (RFC 6750) and DPoP (RFC 9449), each with the metadata URL. */
    List<String> bareChallenges() {
        return List.of(
                "Bearer realm=\"api\"" + resourceMetadata(),
                "DPoP realm=\"api\", algs=\"ES256 PS256 RS256\"" + resourceMetadata());
    }

    String resourceMetadata() {
        return ", resource_metadata=\"http://127.0.0.1:" + service.port() + "/.well-known/oauth-protected-resource\"";
    }

    static void assertJson(RawHttp.Response response) {
        assertEquals("application/json", response.header("Content-Type").orElse(""), response.toString());
    }

    // --- 200 -----------------------------------------------------------------------------------------

    @Test
    void publicRouteAnswersWithoutCredentials() {
        RawHttp.Response response = get("/api/public");
        assertEquals(200, response.status());
        assertEquals(PUBLIC_BODY, response.body());
        assertJson(response);
    }

    @Test
    void publicRouteIgnoresAnyAuthorizationHeader() {
        assertEquals(
                PUBLIC_BODY, get("/api/public", "Authorization: Bearer garbage").body());
        assertEquals(
                200,
                get(
                                "/api/public",
                                "Authorization: Bearer "
                                        + mint.token().claim("exp", 1).sign())
                        .status());
        assertEquals(
                200,
                get("/api/public", "Authorization: Bearer a", "Authorization: Bearer b")
                        .status());
        assertEquals(
                200, get("/api/public", "Authorization: Basic dXNlcjpwYXNz").status());
    }

    @Test
    void privateRouteWithAValidToken() {
        RawHttp.Response response = withToken("/api/private", mint.valid(""));
        assertEquals(200, response.status());
        assertEquals(PRIVATE_BODY, response.body());
        assertJson(response);
    }

    @Test
    void scopedRouteWithReadMessages() {
        RawHttp.Response response = withToken("/api/private-scoped", mint.valid("openid read:messages"));
        assertEquals(200, response.status());
        assertEquals(SCOPED_BODY, response.body());
        assertJson(response);
    }

    @Test
    void scopesAlsoComeFromScpAndPermissions() {
        assertEquals(
                200,
                withToken(
                                "/api/private-scoped",
                                mint.token().claim("scp", "read:messages").sign())
                        .status());
        assertEquals(
                200,
                withToken(
                                "/api/private-scoped",
                                mint.token()
                                        .claim("scp", List.of("x", "read:messages"))
                                        .sign())
                        .status());
        assertEquals(
                200,
                withToken(
                                "/api/private-scoped",
                                mint.token()
                                        .claim("permissions", List.of("read:messages"))
                                        .sign())
                        .status());
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        String token = mint.valid("");
        assertEquals(200, get("/api/private", "Authorization: bearer " + token).status());
        assertEquals(200, get("/api/private", "Authorization: BEARER " + token).status());
        assertEquals(
                200, get("/api/private", "Authorization: Bearer   " + token).status());
    }

    // --- 401 without credentials ---------------------------------------------------------------------

    @Test
    void noCredentialsGetsTheBareChallenge() {
        for (String path : List.of("/api/private", "/api/private-scoped")) {
            RawHttp.Response response = get(path);
            assertEquals(401, response.status());
            assertEquals(bareChallenges(), response.all("WWW-Authenticate"));
            assertEquals(NO_CREDENTIALS_BODY, response.body());
            assertJson(response);
        }
    }

    @Test
    void anotherSchemeIsNoCredentials() {
        RawHttp.Response response = get("/api/private", "Authorization: Basic dXNlcjpwYXNz");
        assertEquals(401, response.status());
        assertEquals(bareChallenges(), response.all("WWW-Authenticate"));
        assertEquals(
                401,
                get("/api/private", "Authorization: Bearerx " + mint.valid("")).status());
        assertEquals(
                bareChallenges(),
                get("/api/private", "Authorization: Bearerx " + mint.valid("")).all("WWW-Authenticate"));
    }

    @Test
    void aTokenInTheQueryStringIsIgnored() {
        RawHttp.Response response = get("/api/private?access_token=" + mint.valid("read:messages"));
        assertEquals(401, response.status());
        assertEquals(bareChallenges(), response.all("WWW-Authenticate"));
    }

    // --- 400 -----------------------------------------------------------------------------------------

    @Test
    void twoAuthorizationHeadersAreAMalformedRequest() {
        String token = mint.valid("read:messages");
        RawHttp.Response response =
                get("/api/private", "Authorization: Bearer " + token, "Authorization: Bearer " + token);
        assertEquals(400, response.status());
        assertEquals(
                List.of("Bearer error=\"invalid_request\", error_description=\"The request carries more than "
                        + "one Authorization header\""),
                response.all("WWW-Authenticate"));
        assertEquals(
                "{\"error\":\"invalid_request\",\"error_description\":\"The request carries more than one "
                        + "Authorization header\"}",
                response.body());
        assertJson(response);
    }

    @Test
    void aTokenInTwoPlacesIsAMalformedRequest() {
        String token = mint.valid("read:messages");
        RawHttp.Response response = get("/api/private?access_token=" + token, "Authorization: Bearer " + token);
        assertEquals(400, response.status());
        assertEquals(
                List.of("Bearer error=\"invalid_request\", error_description=\"The request carries an access "
                        + "token in more than one place\""),
                response.all("WWW-Authenticate"));
    }

    // --- 401 invalid_token ---------------------------------------------------------------------------

    @Test
    void anExpiredTokenGetsInvalidToken() {
        String token = mint.token()
                .claim("scope", "read:messages")
                .claim("exp", Instant.now().getEpochSecond() - 3600)
                .sign();
        for (String path : List.of("/api/private", "/api/private-scoped")) {
            RawHttp.Response response = withToken(path, token);
            assertEquals(401, response.status(), "authentication comes before authorization");
            assertEquals(
                    List.of("Bearer error=\"invalid_token\", error_description=\"The access token expired\""
                            + resourceMetadata()),
                    response.all("WWW-Authenticate"));
            assertEquals(
                    "{\"error\":\"invalid_token\",\"error_description\":\"The access token expired\"}",
                    response.body());
            assertJson(response);
        }
    }

    @Test
    void everyTokenProblemIsA401WithAChallengeAndNeverEchoesTheToken() {
        RSAKey stranger = TestKeys.rsa("contract-key");
        List<String> badTokens = List.of(
                "x",
                "a.b",
                "a.b.c.d",
                "a.b.c.d.e",
                "abc.def.ghi",
                "....",
                "a..b",
                TokenMint.unsigned(idp.issuer(), idp.audience()),
                mint.token().header("alg", "RS512").sign(),
                mint.token().header("alg", "PS256").sign(),
                mint.token().header("kid", "unknown").sign(),
                mint.token().signedWith(stranger).sign(),
                mint.token().claim("iss", idp.issuer() + "/").sign(),
                mint.token().claim("aud", "https://other/").sign(),
                mint.token().claim("exp", null).sign(),
                mint.token().claim("nbf", 4611686018427387904L).sign(),
                mint.token().header("crit", List.of("x")).header("x", 1).sign(),
                mint.token().header("typ", "JOSE").sign(),
                mint.token().signRaw("not json", "{}"),
                mint.token().signRaw(mint.token().headerJson(), "not json"),
                mint.valid("") + "!",
                "\u00e9\u00e9.\u00e9.\u00e9");
        for (String token : badTokens) {
            RawHttp.Response response = RawHttp.exchange(
                    service.port(),
                    ("GET /api/private-scoped HTTP/1.1\r\nHost: x\r\n" + "Authorization: Bearer " + token
                                    + "\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(401, response.status(), token);
            String challenge = response.header("WWW-Authenticate").orElse("");
            assertTrue(challenge.startsWith("Bearer error=\"invalid_token\", error_description=\""), challenge);
            String metadata = ", resource_metadata=\"http://x/.well-known/oauth-protected-resource\"";
            assertTrue(challenge.endsWith(metadata), challenge);
            String description = challenge.substring(
                    challenge.indexOf("error_description=\"") + 19, challenge.length() - metadata.length() - 1);
            assertFalse(description.contains("\"") || description.contains("\\"), description);
            assertTrue(
                    response.body().startsWith("{\"error\":\"invalid_token\",\"error_description\":\""),
                    response.body());
            if (token.length() > 8) {
                assertFalse(response.body().contains(token.substring(0, 8)) && token.startsWith("eyJ"), "token echoed");
                assertFalse(challenge.contains(token), "token echoed");
            }
        }
    }

    @Test
    void bearerWithoutATokenIsInvalidToken() {
        RawHttp.Response response = get("/api/private", "Authorization: Bearer ");
        assertEquals(401, response.status());
        assertTrue(response.header("WWW-Authenticate").orElse("").startsWith("Bearer error=\"invalid_token\""));
    }

    // --- 403 -----------------------------------------------------------------------------------------

    @Test
    void aValidTokenWithoutTheScopeGetsInsufficientScope() {
        for (String scope :
                List.of("", "read:message", "read:messages:all", "Read:Messages", "messages", "write:messages")) {
            RawHttp.Response response = withToken("/api/private-scoped", mint.valid(scope));
            assertEquals(403, response.status(), scope);
            assertEquals(
                    List.of("Bearer error=\"insufficient_scope\", scope=\"read:messages\", error_description=\"The "
                            + "access token lacks the scope read:messages\""),
                    response.all("WWW-Authenticate"));
            assertEquals(
                    "{\"error\":\"insufficient_scope\",\"error_description\":\"The access token lacks the scope "
                            + "read:messages\"}",
                    response.body());
            assertJson(response);
        }
        assertEquals(200, withToken("/api/private", mint.valid("")).status());
    }

    // --- 404 / 405 -----------------------------------------------------------------------------------

    @Test
    void unknownPathsAre404AsJsonEvenWithABadToken() {
        for (RawHttp.Response response :
                List.of(get("/nope"), get("/api/private/extra"), get("/api", "Authorization: Bearer junk"))) {
            assertEquals(404, response.status());
            assertEquals(
                    "{\"error\":\"not_found\",\"error_description\":\"No resource at this path\"}", response.body());
            assertJson(response);
        }
    }

    @Test
    void otherMethodsAre405AsJson() {
        for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
            for (String path : List.of("/api/public", "/api/private", "/api/private-scoped")) {
                RawHttp.Response response = RawHttp.send(service.port(), method, path, "Content-Length: 0");
                assertEquals(405, response.status(), method + " " + path);
                assertEquals(
                        "{\"error\":\"method_not_allowed\",\"error_description\":\"This method is not allowed on "
                                + "this resource\"}",
                        response.body());
                assertJson(response);
            }
        }
    }

    @Test
    void headIsGetWithoutABody() {
        // RFC 9110 §9.3.2: HEAD is GET without the content, so it is served, with GET's checks.
        RawHttp.Response publicHead = RawHttp.send(service.port(), "HEAD", "/api/public");
        assertEquals(200, publicHead.status());
        assertEquals("", publicHead.body());
        RawHttp.Response privateHead = RawHttp.send(service.port(), "HEAD", "/api/private");
        assertEquals(401, privateHead.status());
        assertEquals(bareChallenges(), privateHead.all("WWW-Authenticate"));
        assertEquals("", privateHead.body());
    }

    @Test
    void errorBodiesNeverCarryFrameworkDetails() {
        for (RawHttp.Response response : List.of(
                get("/nope"),
                RawHttp.send(service.port(), "POST", "/api/public", "Content-Length: 0"),
                get("/api/private"),
                get("/%"))) {
            String text = response.body()
                    + response.headers().stream().map(h -> h[0] + h[1]).toList();
            for (String leak :
                    List.of("Exception", "micronaut", "Micronaut", "io.", "java.", "\tat ", "_links", "_embedded")) {
                assertFalse(text.contains(leak), leak + " in " + text);
            }
        }
    }
}
