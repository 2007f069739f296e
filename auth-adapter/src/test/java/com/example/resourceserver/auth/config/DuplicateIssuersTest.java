package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DuplicateIssuersTest {

    private static TrustedIssuer issuer(String name, String iss) {
        return new TrustedIssuer(name, iss, "api", new JwksLocation.Discovered(iss));
    }

    private static IssuerEntry listed(String name) {
        return new Typed()
                .entry(name, "https://" + name + ".example.com/", "api")
                .listedEntry(name);
    }

    @Test
    void distinctIssuersPass() {
        DuplicateIssuers.rejectRepeatedIssuers(List.of(
                issuer("a", "https://a.example.com/"),
                issuer("b", "https://a.example.com"))); // a trailing slash makes another issuer
    }

    @Test
    void theSameIssTwiceIsContradictory() {
        var e = assertThrows(
                InvalidAuthConfigurationException.class,
                () -> DuplicateIssuers.rejectRepeatedIssuers(
                        List.of(issuer("a", "https://a.example.com/"), issuer("b", "https://a.example.com/"))));
        assertEquals(
                "The issuer https://a.example.com/ is configured more than once: give each trusted issuer one "
                        + "entry.",
                e.getMessage());
    }

    @Test
    void distinctNamesPass() {
        DuplicateIssuers.rejectRepeatedNames(List.of(listed("a"), listed("b")), Optional.empty());
    }

    @Test
    void theSameNameTwiceNamesBothSources() {
        IssuerEntry topLevel = new Typed()
                .set("auth.issuer", "https://x.example.com/")
                .set("auth.audience", "api")
                .topLevel();
        var e = assertThrows(
                InvalidAuthConfigurationException.class,
                () -> DuplicateIssuers.rejectRepeatedNames(
                        List.of(topLevel, listed("b"), listed("default")), Optional.empty()));
        assertEquals(
                "Both AUTH_ISSUER and auth.issuers.default configure the issuer named default: give the entry "
                        + "under auth.issuers another name.",
                e.getMessage());
    }

    @Test
    void aListedEntryNamedLikeTheAuth0PairIsRefused() {
        TrustedIssuer auth0 = issuer("auth0", "https://tenant.auth0.com/");
        var e = assertThrows(
                InvalidAuthConfigurationException.class,
                () -> DuplicateIssuers.rejectRepeatedNames(List.of(listed("auth0")), Optional.of(auth0)));
        assertEquals(
                "Both AUTH0_DOMAIN and auth.issuers.auth0 configure the issuer named auth0: give the entry under "
                        + "auth.issuers another name.",
                e.getMessage());
    }

    @Test
    void theIssuerOfAFixedLocationCountsToo() {
        var e = assertThrows(
                InvalidAuthConfigurationException.class,
                () -> DuplicateIssuers.rejectRepeatedIssuers(List.of(
                        issuer("a", "urn:x"),
                        new TrustedIssuer(
                                "b",
                                "urn:x",
                                "other",
                                new JwksLocation.Fixed(URI.create("https://keys.example.com/"))))));
        assertEquals(
                "The issuer urn:x is configured more than once: give each trusted issuer one entry.", e.getMessage());
    }
}
