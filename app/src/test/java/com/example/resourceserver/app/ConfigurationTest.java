package com.example.resourceserver.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.ChildJvm;
import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.config.InvalidAuthConfigurationException;
import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.Provider;
import com.example.resourceserver.auth.config.ProviderSettings;
import com.example.resourceserver.auth.config.TrustedIssuer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration as operators meet it: environment variables, one-sentence failures, provider shorthands. */
public class ConfigurationTest {

    static final String MAIN = Application.class.getName();

    public static String startupFailure(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("micronaut.server.port", -1);
        RuntimeException e = assertThrows(
                RuntimeException.class,
                () -> ApplicationContext.run(EmbeddedServer.class, all).close());
        var cause = Application.configurationError(e);
        assertTrue(
                cause != null && cause.getCause() instanceof InvalidAuthConfigurationException,
                "unexpected failure: " + e);
        return cause.getMessage();
    }

    @Test
    void withoutAnyIssuerStartupStopsWithOneSentence() throws Exception {
        try (ChildJvm jvm = ChildJvm.start(MAIN, Map.of())) {
            assertEquals(Application.CONFIGURATION_ERROR_EXIT_CODE, jvm.awaitExit(60));
            String output = jvm.output();
            assertTrue(
                    output.contains(
                            "Startup stopped: No token issuer is configured: set AUTH0_DOMAIN and AUTH0_AUDIENCE, "
                                    + "or AUTH_ISSUER and AUTH_AUDIENCE (or start with MICRONAUT_ENVIRONMENTS=dev for the local "
                                    + "development issuer)."),
                    output);
            assertFalse(output.contains("\tat "), "no stack trace: " + output);
            assertFalse(output.contains("Exception"), "no exception names: " + output);
        }
    }

    @Test
    void aMissingPartnerVariableIsNamed() throws Exception {
        try (ChildJvm jvm = ChildJvm.start(MAIN, Map.of("AUTH_ISSUER", "https://login.example.com/"))) {
            assertEquals(Application.CONFIGURATION_ERROR_EXIT_CODE, jvm.awaitExit(60));
            assertTrue(
                    jvm.output().contains("Startup stopped: AUTH_ISSUER is set but AUTH_AUDIENCE is missing"),
                    jvm.output());
            assertFalse(jvm.output().contains("\tat "), jvm.output());
        }
    }

    @Test
    void anUnreadableValueIsNamedWithItsVariable() throws Exception {
        try (ChildJvm jvm = ChildJvm.start(
                MAIN,
                Map.of(
                        "AUTH_ISSUER",
                        "https://login.example.com/",
                        "AUTH_AUDIENCE",
                        "api",
                        "AUTH_JWKS_CACHE_TTL",
                        "abc"))) {
            assertEquals(Application.CONFIGURATION_ERROR_EXIT_CODE, jvm.awaitExit(60));
            assertTrue(
                    jvm.output()
                            .contains("Startup stopped: auth.jwks.cache-ttl (AUTH_JWKS_CACHE_TTL) has a value "
                                    + "that cannot be read"),
                    jvm.output());
            assertFalse(jvm.output().contains("\tat "), jvm.output());
        }
    }

    @Test
    void environmentVariablesReachTheServiceUnderTheirContractNames() throws Exception {
        // The quickstarts' names: AUTH0_DOMAIN plus API_IDENTIFIER. Nothing is fetched at startup that
        // could delay it: keys load in the background.
        try (ChildJvm jvm = ChildJvm.start(
                MAIN,
                Map.of(
                        "AUTH0_DOMAIN",
                        "tenant.example.com",
                        "API_IDENTIFIER",
                        "https://quickstarts/api",
                        "AUTH_ALGORITHMS",
                        "RS256,PS256",
                        "AUTH_LEEWAY",
                        "30s",
                        "MICRONAUT_SERVER_PORT",
                        "-1"))) {
            assertTrue(jvm.awaitLine("Startup completed", 60), jvm.output());
            String output = jvm.output();
            assertTrue(
                    output.contains(
                            "Trusting issuer 'auth0': iss https://tenant.example.com/, aud https://quickstarts/api, "
                                    + "keys from https://tenant.example.com/.well-known/jwks.json"),
                    output);
            assertTrue(output.contains("Accepting algorithms [RS256, PS256] with PT30S leeway"), output);
        }
    }

    @Test
    void contradictoryOrInvalidSettingsStopStartup() {
        assertTrue(startupFailure(Map.of(
                        "auth0.domain",
                        "t.example.com",
                        "auth0.audience",
                        "a",
                        "auth.issuer",
                        "https://x.example/",
                        "auth.audience",
                        "b"))
                .startsWith("Both AUTH0_DOMAIN and AUTH_ISSUER are set"));
        assertTrue(startupFailure(
                        Map.of("auth.issuer", "https://x.example/", "auth.audience", "a", "auth.algorithms", "HS256"))
                .startsWith("AUTH_ALGORITHMS may not contain HS256"));
        assertTrue(startupFailure(Map.of("auth.issuer", "http://idp.internal/", "auth.audience", "a"))
                .startsWith("AUTH_ISSUER must use https"));
        assertTrue(
                startupFailure(Map.of("auth.issuer", "https://x.example/", "auth.audience", "a", "auth.leeway", "1h"))
                        .startsWith("AUTH_LEEWAY must be a duration"));
    }

    @Test
    void tokenCacheBoundsMustBePositive() {
        assertEquals(
                "auth.token-cache.max-entries must be at least 1.",
                startupFailure(Map.of(
                        "auth.issuer",
                        "https://x.example/",
                        "auth.audience",
                        "a",
                        "auth.token-cache.max-entries",
                        "0")));
    }

    @Test
    void anUnreadableWebSettingIsNamedToo() {
        Map<String, Object> properties = Map.of(
                "auth.issuer",
                "https://x.example/",
                "auth.audience",
                "a",
                "web.request-header-timeout",
                "soon",
                "micronaut.server.port",
                -1);
        RuntimeException e = assertThrows(
                RuntimeException.class,
                () -> ApplicationContext.run(EmbeddedServer.class, properties).close());
        String problem = Application.configurationProblem(e);
        assertTrue(
                problem != null
                        && problem.startsWith(
                                "web.request-header-timeout (WEB_REQUEST_HEADER_TIMEOUT) has a value that cannot be read"),
                problem);
    }

    @Test
    void theAuth0ShorthandDerivesIssuerAndKeysWithoutNetwork() {
        try (ApplicationContext context = ApplicationContext.run(
                Map.of("auth0.domain", "tenant.us.auth0.com", "auth0.audience", "https://quickstarts/api"))) {
            List<TrustedIssuer> issuers =
                    context.getBean(AuthConfiguration.class).issuers();
            assertEquals(
                    List.of(new TrustedIssuer(
                            "auth0",
                            "https://tenant.us.auth0.com/",
                            "https://quickstarts/api",
                            new JwksLocation.Fixed(URI.create("https://tenant.us.auth0.com/.well-known/jwks.json")),
                            ProviderSettings.of(Provider.AUTH0))),
                    issuers);
        }
    }

    @Test
    void apiIdentifierWorksAsTheAudienceAlias() {
        try (ApplicationContext context = ApplicationContext.run(
                Map.of("auth0.domain", "tenant.us.auth0.com", "api.identifier", "https://quickstarts/api"))) {
            assertEquals(
                    "https://quickstarts/api",
                    context.getBean(AuthConfiguration.class).issuers().get(0).audience());
        }
    }

    @Test
    void providerVariablesReachTheServiceUnderTheirNames() throws Exception {
        try (ChildJvm jvm = ChildJvm.start(
                MAIN,
                Map.of(
                        "AUTH_ISSUER",
                        "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ex",
                        "AUTH_PROVIDER",
                        "cognito",
                        "AUTH_ALLOWED_CLIENT_IDS",
                        "client-a,client-b",
                        "AUTH_SCOPE_PREFIX",
                        "messages-api",
                        "AUTH_SCOPE_ALIASES",
                        "read=read:messages",
                        "MICRONAUT_SERVER_PORT",
                        "-1"))) {
            assertTrue(jvm.awaitLine("Startup completed", 60), jvm.output());
            assertTrue(
                    jvm.output()
                            .contains(
                                    "Trusting issuer 'default': iss https://cognito-idp.eu-west-1.amazonaws.com/"
                                            + "eu-west-1_Ex, aud none (client_id one of [client-a, client-b]), keys by discovery, provider cognito"),
                    jvm.output());
        }
    }

    @Test
    void aProviderThatNeedsASettingItLacksStopsStartupNamingTheVariable() throws Exception {
        try (ChildJvm jvm = ChildJvm.start(
                MAIN,
                Map.of(
                        "AUTH_ISSUER",
                        "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ex",
                        "AUTH_PROVIDER",
                        "cognito"))) {
            assertEquals(Application.CONFIGURATION_ERROR_EXIT_CODE, jvm.awaitExit(60));
            assertTrue(
                    jvm.output()
                            .contains(
                                    "Startup stopped: AUTH_PROVIDER=cognito needs AUTH_ALLOWED_CLIENT_IDS: "
                                            + "list the app client IDs whose access tokens this API accepts (Cognito access tokens carry no aud)."),
                    jvm.output());
            assertFalse(jvm.output().contains("\tat "), jvm.output());
        }
    }

    @Test
    void badProviderSettingsStopStartup() {
        assertEquals(
                "AUTH_PROVIDER must be one of generic, auth0, okta, entra, cognito, keycloak, not 'azure-ad'.",
                startupFailure(Map.of(
                        "auth.issuer", "https://x.example/", "auth.audience", "a", "auth.provider", "azure-ad")));
        assertEquals(
                "AUTH_SCOPE_PREFIX is used only with AUTH_PROVIDER=cognito (it is the Cognito resource-server "
                        + "identifier in front of custom scopes): remove it, or set AUTH_PROVIDER=cognito.",
                startupFailure(Map.of(
                        "auth.issuer",
                        "https://x.example/",
                        "auth.audience",
                        "a",
                        "auth.provider",
                        "okta",
                        "auth.scope-prefix",
                        "messages-api")));
        assertEquals(
                "AUTH0_DOMAIN implies AUTH_PROVIDER=auth0: remove AUTH_PROVIDER or set it to auth0.",
                startupFailure(
                        Map.of("auth0.domain", "t.example.com", "auth0.audience", "a", "auth.provider", "okta")));
        assertEquals(
                "auth.issuers.partner.provider=cognito needs auth.issuers.partner.allowed-client-ids: list the "
                        + "app client IDs whose access tokens this API accepts (Cognito access tokens carry no aud).",
                startupFailure(Map.of(
                        "auth.issuers.partner.issuer",
                        "https://partner.example/",
                        "auth.issuers.partner.provider",
                        "cognito")));
    }
}
