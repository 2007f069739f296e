package com.example.resourceserver.app.recipe;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.RawHttp;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.yaml.snakeyaml.Yaml;

/**
 * Proves the recipe of docs/add-a-route.md: {@link ArchiveController} and {@link ArchiveMessageUseCase}
 * follow it step by step, and this test checks what each step buys, end to end (real HTTP in, tokens
 * verified against a JWKS served over real HTTP). Skip a step and one of these fails:
 * <ul>
 *   <li>no {@code @Secured}: the route is refused to everyone, so the 200 test fails;</li>
 *   <li>the use case not asking the scope policy, or the outcome not rendered through
 *       {@code ErrorResponses.insufficientScope}: the 403 test fails;</li>
 *   <li>no use case bean: the service does not start;</li>
 *   <li>no {@code @SecurityRequirement}, no shared error responses, or the {@code Caller} parameter not
 *       hidden: the OpenAPI test fails.</li>
 * </ul>
 *
 * <p>The OpenAPI entry: app's test compilation runs micronaut-openapi too (app/pom.xml,
 * {@code default-testCompile}), which writes the test-only routes into {@value #TEST_DOCUMENT}; the
 * service serves it next to the real document, from the same {@code /openapi/**} mapping.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecipeTest {

    static final String ROUTE = "/api/messages/archive";
    static final String TEST_DOCUMENT = "/openapi/recipe-api.yml";
    static final String MISSING_SCOPE_CHALLENGE = "Bearer error=\"insufficient_scope\", scope=\"read:archive\", "
            + "error_description=\"The access token lacks the scope read:archive\"";

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("recipe-key");

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

    /** RFC 9728 §5.1: every 401 challenge names the protected-resource metadata. */
    String resourceMetadata() {
        return ", resource_metadata=\"http://127.0.0.1:" + service.port() + "/.well-known/oauth-protected-resource\"";
    }

    RawHttp.Response withToken(String token) {
        return get(ROUTE, "Authorization: Bearer " + token);
    }

    // --- 200 -----------------------------------------------------------------------------------------

    @Test
    void aTokenGrantedTheNewScopeGets200() {
        for (String scope : List.of("read:archive", "openid read:archive read:messages")) {
            RawHttp.Response response = withToken(mint.valid(scope));
            assertEquals(200, response.status(), response.all("WWW-Authenticate") + " " + response.body());
            assertEquals("{\"message\":\"" + ArchiveMessageUseCase.MESSAGE + "\"}", response.body());
            assertEquals("application/json", response.header("Content-Type").orElse(""));
        }
        assertEquals(
                200,
                withToken(mint.token()
                                .claim("permissions", List.of("read:archive"))
                                .sign())
                        .status());
    }

    // --- 401 -----------------------------------------------------------------------------------------

    @Test
    void noTokenGetsTheBareChallenge() {
        RawHttp.Response response = get(ROUTE);
        assertEquals(401, response.status());
        assertEquals(
                List.of(
                        "Bearer realm=\"api\"" + resourceMetadata(),
                        "DPoP realm=\"api\", algs=\"ES256 PS256 RS256\"" + resourceMetadata()),
                response.all("WWW-Authenticate"));
        assertEquals(
                "{\"error\":\"unauthorized\",\"error_description\":"
                        + "\"Authentication is required: send an access token as Authorization: Bearer <token>\"}",
                response.body());
    }

    @Test
    void aBadTokenGetsInvalidTokenEvenWithTheScope() {
        String expired = mint.token()
                .claim("scope", "read:archive")
                .claim("exp", Instant.now().getEpochSecond() - 3600)
                .sign();
        RawHttp.Response response = withToken(expired);
        assertEquals(401, response.status(), "authentication comes before the scope");
        assertEquals(
                List.of("Bearer error=\"invalid_token\", error_description=\"The access token expired\""
                        + resourceMetadata()),
                response.all("WWW-Authenticate"));

        String forged = mint.token()
                .claim("scope", "read:archive")
                .signedWith(TestKeys.rsa("recipe-key"))
                .sign();
        for (String token : List.of("junk", forged)) {
            RawHttp.Response refused = withToken(token);
            assertEquals(401, refused.status(), token);
            assertTrue(
                    refused.header("WWW-Authenticate").orElse("").startsWith("Bearer error=\"invalid_token\""),
                    refused.all("WWW-Authenticate").toString());
        }
    }

    // --- 403 -----------------------------------------------------------------------------------------

    @Test
    void aValidTokenWithoutTheNewScopeGets403NamingIt() {
        for (String scope : List.of("", "read:messages", "read:archive:all", "Read:Archive")) {
            RawHttp.Response response = withToken(mint.valid(scope));
            assertEquals(403, response.status(), scope);
            assertEquals(List.of(MISSING_SCOPE_CHALLENGE), response.all("WWW-Authenticate"), scope);
            assertEquals(
                    "{\"error\":\"insufficient_scope\",\"error_description\":"
                            + "\"The access token lacks the scope read:archive\"}",
                    response.body());
        }
    }

    // --- OpenAPI -------------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void theRouteHasItsOpenApiEntry() {
        RawHttp.Response response = get(TEST_DOCUMENT);
        assertEquals(200, response.status(), "the test document is generated at test compile time");
        Map<String, Object> document = new Yaml().load(response.body());
        assertTrue(
                String.valueOf(document.get("openapi")).startsWith("3.1"), "3.1: a bearer requirement may name scopes");

        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        assertEquals(Set.of(ROUTE), paths.keySet(), "the test document holds the test-only routes alone");
        Map<String, Object> operation = (Map<String, Object>) ((Map<String, Object>) paths.get(ROUTE)).get("get");
        assertNotNull(operation, "GET " + ROUTE);

        // One assertion per step of the recipe, all reported at once.
        Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
        assertAll(
                () -> assertEquals(
                        List.of(Map.of("bearer", List.of("read:archive")), Map.of("dpop", List.of("read:archive"))),
                        operation.get("security"),
                        "@SecurityRequirement(name = ApiDescription.BEARER / DPOP, scopes = \"read:archive\")"),
                () -> assertNull(
                        operation.get("parameters"),
                        "the Caller argument is no request parameter: @Parameter(hidden = true)"),
                () -> assertEquals(
                        Set.of("200", "400", "401", "403", "503"),
                        responses.keySet(),
                        "its own 200 and 403, and the shared @BearerErrorResponses"),
                () -> assertEquals(
                        Set.of("WWW-Authenticate"), headersOf(responses, "401").keySet()),
                () -> assertEquals(
                        Set.of("Retry-After"), headersOf(responses, "503").keySet()),
                () -> assertTrue(
                        String.valueOf(headersOf(responses, "403").get("WWW-Authenticate"))
                                .contains("scope=\"read:archive\""),
                        "the 403 describes the challenge naming the scope"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> headersOf(Map<String, Object> responses, String status) {
        Map<String, Object> response = (Map<String, Object>) responses.get(status);
        assertNotNull(response, status);
        Map<String, Object> headers = (Map<String, Object>) response.get("headers");
        return headers == null ? Map.of() : headers;
    }
}
