package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which issuers introspect, where and as which client; settings that cannot work stop startup naming them. */
class IntrospectionTargetsTest {

    private final AuthSettings settings = new AuthSettings();
    private final Typed typed =
            new Typed().set("auth.issuer", "https://login.example/").set("auth.audience", "https://api.example/");

    private IntrospectionTargetsTest withPartner() {
        typed.entry("partner", "https://partner.example/", "https://api.example/");
        return this;
    }

    private AuthConfiguration resolve() {
        return AuthConfigurationResolver.resolve(settings, typed.sources(), Optional.empty());
    }

    private Optional<IntrospectionTarget> target(int issuer) {
        return resolve().issuers().get(issuer).introspection();
    }

    private String refusal() {
        return assertThrows(InvalidAuthConfigurationException.class, this::resolve)
                .getMessage();
    }

    @Test
    void nothingConfiguredMeansNoIntrospection() {
        withPartner();
        assertTrue(resolve().issuers().stream()
                .allMatch(issuer -> issuer.introspection().isEmpty()));
    }

    @Test
    void theTopLevelSettingsBelongToTheDefaultIssuer() {
        withPartner();
        typed.set("auth.introspection.uri", "https://login.example/introspect")
                .set("auth.introspection.client-id", "rs")
                .set("auth.introspection.client-secret", "secret");
        IntrospectionTarget target = target(0).orElseThrow();
        assertEquals(Optional.of(URI.create("https://login.example/introspect")), target.endpoint());
        assertFalse(target.introspectJwts());
        assertFalse(target.toString().contains("secret"), "the secret is never printed");
        assertEquals(Optional.empty(), target(1));
    }

    @Test
    void aClientIdWithoutUriMeansDiscovery() {
        typed.set("auth.introspection.client-id", "rs").set("auth.introspection.client-secret", "secret");
        assertEquals(Optional.empty(), target(0).orElseThrow().endpoint());
    }

    @Test
    void namedIssuersConfigureTheirOwn() {
        withPartner();
        typed.listed("partner", "introspection-uri", "https://partner.example/introspect")
                .listed("partner", "introspection-client-id", "rs")
                .listed("partner", "introspection-client-secret", "secret")
                .listed("partner", "introspect-jwts", "true");
        assertEquals(Optional.empty(), target(0));
        assertTrue(target(1).orElseThrow().introspectJwts());
    }

    @Test
    void settingsThatCannotWorkStopStartupNamingTheVariable() {
        typed.set("auth.introspection.uri", "https://login.example/introspect");
        assertTrue(refusal().contains("AUTH_INTROSPECTION_CLIENT_ID"));
        typed.set("auth.introspection.client-id", "rs");
        assertTrue(refusal().contains("AUTH_INTROSPECTION_CLIENT_SECRET"));
        typed.set("auth.introspection.client-secret", "secret");
        typed.set("auth.introspection.uri", "http://login.example/introspect");
        assertTrue(refusal().contains("AUTH_INTROSPECTION_URI"), "plain http to a remote host");
        typed.set("auth.introspection.uri", "https://login.example/introspect");
        typed.set("auth.issuer", null).set("auth.audience", null);
        typed.entry("a", "https://a/", "api").entry("b", "https://b/", "api");
        assertTrue(refusal().contains("auth.issuers.<name>"));
    }

    @Test
    void introspectingJwtsNeedsAnEndpointAndTheLimitsMustBePositive() {
        typed.set("auth.introspection.introspect-jwts", "yes");
        assertTrue(refusal().contains("AUTH_INTROSPECTION_INTROSPECT_JWTS"));
        typed.set("auth.introspection.introspect-jwts", null);
        settings.getIntrospection().setTimeout(Duration.ZERO);
        assertEquals("auth.introspection.timeout must be a positive duration.", refusal());
    }

    @Test
    void signedAnswersAreNoneUnlessSetAtTheTopLevelOrPerIssuer() {
        withPartner();
        typed.set("auth.introspection.client-id", "rs").set("auth.introspection.client-secret", "secret");
        typed.listed("partner", "introspection-client-id", "rs").listed("partner", "introspection-client-secret", "s");
        assertEquals(
                IntrospectionTarget.SignedAnswers.NONE, target(0).orElseThrow().signedAnswers());
        assertEquals(
                IntrospectionTarget.SignedAnswers.NONE, target(1).orElseThrow().signedAnswers());

        typed.set("auth.introspection.signed-responses", " Required ");
        typed.listed("partner", "introspection-signed-responses", "accepted");
        assertEquals(
                IntrospectionTarget.SignedAnswers.REQUIRED,
                target(0).orElseThrow().signedAnswers());
        assertEquals(
                IntrospectionTarget.SignedAnswers.ACCEPTED,
                target(1).orElseThrow().signedAnswers());
        assertTrue(target(0).orElseThrow().toString().contains("signedAnswers=REQUIRED"));
    }

    @Test
    void anUnknownSignedAnswersValueStopsStartupNamingTheVariable() {
        withPartner();
        typed.set("auth.introspection.client-id", "rs")
                .set("auth.introspection.client-secret", "secret")
                .set("auth.introspection.signed-responses", "yes");
        String message = refusal();
        assertTrue(message.contains("AUTH_INTROSPECTION_SIGNED_RESPONSES"), message);
        assertTrue(message.contains("none, accepted or required"), message);

        typed.set("auth.introspection.signed-responses", null);
        typed.listed("partner", "introspection-client-id", "rs")
                .listed("partner", "introspection-client-secret", "secret")
                .listed("partner", "introspection-signed-responses", "always");
        assertTrue(refusal().contains("auth.issuers.partner.introspection-signed-responses"));
    }
}
