package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IntrospectionResolverTest {

    final IntrospectionSettings settings = new IntrospectionSettings();
    final TrustedIssuer main = issuer("default", "https://login.example/");
    final TrustedIssuer partner = issuer("partner", "https://partner.example/");

    static TrustedIssuer issuer(String name, String iss) {
        return new TrustedIssuer(name, iss, "https://api.example/", new JwksLocation.Discovered(iss));
    }

    static AuthConfiguration configuration(TrustedIssuer... issuers) {
        return new AuthConfiguration(
                List.of(issuers),
                new VerificationPolicy(
                        java.util.Set.of(com.nimbusds.jose.JWSAlgorithm.RS256),
                        Duration.ZERO,
                        java.util.Set.of(),
                        false,
                        4096),
                false,
                new AuthSettings().getJwks(),
                new AuthSettings().getTokenCache());
    }

    String refusal(List<IssuerIntrospectionSettings> named, TrustedIssuer... issuers) {
        return assertThrows(
                        InvalidAuthConfigurationException.class,
                        () -> IntrospectionResolver.resolve(settings, named, configuration(issuers)))
                .getMessage();
    }

    @Test
    void nothingConfiguredMeansNoIntrospection() {
        assertTrue(IntrospectionResolver.resolve(settings, List.of(), configuration(main, partner))
                .isEmpty());
    }

    @Test
    void theTopLevelSettingsBelongToTheDefaultIssuer() {
        settings.setUri("https://login.example/introspect");
        settings.setClientId("rs");
        settings.setClientSecret("secret");
        List<IntrospectionTarget> targets =
                IntrospectionResolver.resolve(settings, List.of(), configuration(main, partner));
        assertEquals(1, targets.size());
        assertEquals(main, targets.get(0).issuer());
        assertEquals(
                Optional.of(URI.create("https://login.example/introspect")),
                targets.get(0).endpoint());
        assertFalse(targets.get(0).introspectJwts());
        assertFalse(targets.get(0).toString().contains("secret"), "the secret is never printed");
    }

    @Test
    void aClientIdWithoutUriMeansDiscovery() {
        settings.setClientId("rs");
        settings.setClientSecret("secret");
        assertEquals(
                Optional.empty(),
                IntrospectionResolver.resolve(settings, List.of(), configuration(main))
                        .get(0)
                        .endpoint());
    }

    @Test
    void namedIssuersConfigureTheirOwn() {
        IssuerIntrospectionSettings entry = new IssuerIntrospectionSettings("partner");
        entry.setIntrospectionUri("https://partner.example/introspect");
        entry.setIntrospectionClientId("rs");
        entry.setIntrospectionClientSecret("secret");
        entry.setIntrospectJwts(true);
        List<IntrospectionTarget> targets =
                IntrospectionResolver.resolve(settings, List.of(entry), configuration(main, partner));
        assertEquals(1, targets.size());
        assertEquals(partner, targets.get(0).issuer());
        assertTrue(targets.get(0).introspectJwts());
    }

    @Test
    void settingsThatCannotWorkStopStartupNamingTheVariable() {
        settings.setUri("https://login.example/introspect");
        assertTrue(refusal(List.of(), main).contains("AUTH_INTROSPECTION_CLIENT_ID"));
        settings.setClientId("rs");
        assertTrue(refusal(List.of(), main).contains("AUTH_INTROSPECTION_CLIENT_SECRET"));
        settings.setClientSecret("secret");
        settings.setUri("http://login.example/introspect");
        assertTrue(refusal(List.of(), main).contains("AUTH_INTROSPECTION_URI"), "plain http to a remote host");
        settings.setUri("https://login.example/introspect");
        assertTrue(refusal(List.of(), issuer("a", "https://a/"), issuer("b", "https://b/"))
                .contains("auth.issuers.<name>"));

        IntrospectionSettings jwtsOnly = new IntrospectionSettings();
        jwtsOnly.setIntrospectJwts(true);
        assertTrue(assertThrows(
                        InvalidAuthConfigurationException.class,
                        () -> IntrospectionResolver.resolve(jwtsOnly, List.of(), configuration(main)))
                .getMessage()
                .contains("AUTH_INTROSPECTION_INTROSPECT_JWTS"));
        IntrospectionSettings noTimeout = new IntrospectionSettings();
        noTimeout.setTimeout(Duration.ZERO);
        assertThrows(
                InvalidAuthConfigurationException.class,
                () -> IntrospectionResolver.resolve(noTimeout, List.of(), configuration(main)));
    }

    @Test
    void signedAnswersAreNoneUnlessSetAtTheTopLevelOrPerIssuer() {
        settings.setClientId("rs");
        settings.setClientSecret("secret");
        IssuerIntrospectionSettings entry = new IssuerIntrospectionSettings("partner");
        entry.setIntrospectionClientId("rs");
        entry.setIntrospectionClientSecret("secret");
        List<IntrospectionTarget> targets =
                IntrospectionResolver.resolve(settings, List.of(entry), configuration(main, partner));
        assertEquals(IntrospectionTarget.SignedAnswers.NONE, targets.get(0).signedAnswers());
        assertEquals(IntrospectionTarget.SignedAnswers.NONE, targets.get(1).signedAnswers());

        settings.setSignedResponses(" Required ");
        entry.setIntrospectionSignedResponses("accepted");
        targets = IntrospectionResolver.resolve(settings, List.of(entry), configuration(main, partner));
        assertEquals(IntrospectionTarget.SignedAnswers.REQUIRED, targets.get(0).signedAnswers());
        assertEquals(IntrospectionTarget.SignedAnswers.ACCEPTED, targets.get(1).signedAnswers());
        assertTrue(targets.get(0).toString().contains("signedAnswers=REQUIRED"));
    }

    @Test
    void anUnknownSignedAnswersValueStopsStartupNamingTheVariable() {
        settings.setClientId("rs");
        settings.setClientSecret("secret");
        settings.setSignedResponses("yes");
        String message = refusal(List.of(), main);
        assertTrue(message.contains("AUTH_INTROSPECTION_SIGNED_RESPONSES"), message);
        assertTrue(message.contains("none, accepted or required"), message);

        settings.setSignedResponses(null);
        IssuerIntrospectionSettings entry = new IssuerIntrospectionSettings("partner");
        entry.setIntrospectionClientId("rs");
        entry.setIntrospectionClientSecret("secret");
        entry.setIntrospectionSignedResponses("always");
        assertTrue(
                refusal(List.of(entry), main, partner).contains("auth.issuers.partner.introspection-signed-responses"));
    }
}
