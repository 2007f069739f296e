package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class FetchableUrlTest {

    private static String failure(String value, boolean insecure) {
        return assertThrows(
                        InvalidAuthConfigurationException.class,
                        () -> FetchableUrl.parse(value, "AUTH_JWKS_URI", insecure))
                .getMessage();
    }

    @Test
    void aSafeUrlIsReturnedAsWritten() {
        assertEquals(
                URI.create("https://keys.example.com/jwks.json"),
                FetchableUrl.parse("https://keys.example.com/jwks.json", "AUTH_JWKS_URI", false));
    }

    @Test
    void anUnreadableUrlIsNamedWithItsVariable() {
        assertEquals("AUTH_JWKS_URI is not a valid URL.", failure("https://keys example.com/", false));
    }

    @Test
    void theUrlRulesProblemIsNamedWithItsVariable() {
        assertEquals("AUTH_JWKS_URI must use https.", failure("ftp://keys.example.com/", true));
        assertEquals(
                "AUTH_JWKS_URI must use https (plain http is allowed only to loopback hosts, or anywhere with "
                        + "AUTH_INSECURE_ALLOW_HTTP=true).",
                failure("http://keys.example.com/", false));
        assertEquals(
                URI.create("http://keys.example.com/"),
                FetchableUrl.parse("http://keys.example.com/", "AUTH_JWKS_URI", true));
    }
}
