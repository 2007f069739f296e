package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UrlRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "127.255.255.255", "[::1]"})
    void literalLoopbackHosts(String host) {
        assertTrue(UrlRules.isLoopback(host));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1.evil.com",
                "localhost.evil.com",
                "128.0.0.1",
                "127.0.0",
                "127.0.0.256",
                "10.0.0.1",
                "0.0.0.0",
                "[::2]",
                "127.00000.0.1",
                "evil.com"
            })
    void notLoopback(String host) {
        assertFalse(UrlRules.isLoopback(host));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://login.example.com/", "http://127.0.0.1:8080/x", "http://localhost/x"})
    void fetchable(String url) {
        assertTrue(UrlRules.problem(URI.create(url), false).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://login.example.com/",
                "file:///etc/passwd",
                "jar:file:/x!/y",
                "ftp://h/x",
                "https:///nohost",
                "//login.example.com/x"
            })
    void notFetchable(String url) {
        assertTrue(UrlRules.problem(URI.create(url), false).isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "ftp://h/x"})
    void theInsecureSwitchOnlyOpensPlainHttp(String url) {
        assertTrue(UrlRules.problem(URI.create(url), true).isPresent());
        assertTrue(
                UrlRules.problem(URI.create("http://keycloak.internal/x"), true).isEmpty());
    }
}
