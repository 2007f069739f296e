package com.example.resourceserver.auth.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpUriNormaliserTest {

    @ParameterizedTest
    @CsvSource({
        "HTTPS://API.Example.COM/a, https://api.example.com/a",
        "https://api.example.com:443/a, https://api.example.com/a",
        "http://api.example.com:80/a, http://api.example.com/a",
        "https://api.example.com:8443/a, https://api.example.com:8443/a",
        "https://api.example.com, https://api.example.com/",
        "https://api.example.com/a?q=1#f, https://api.example.com/a",
        "https://api.example.com/%7e%41%2f%2F%c3%a9, https://api.example.com/~A%2F%2F%C3%A9",
        "https://api.example.com/a/b/c/./../../g, https://api.example.com/a/g",
        "https://api.example.com/../../a, https://api.example.com/a",
        "https://api.example.com/a/.., https://api.example.com/",
        "https://api.example.com/a/%2E%2E/b, https://api.example.com/b",
        "https://[::1]:8443/a, https://[::1]:8443/a",
    })
    void normalisesAsRfc3986Says(String uri, String normalised) {
        assertEquals(Optional.of(normalised), HttpUriNormaliser.normalise(uri));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "/a", "a b", "urn:x:y", "ftp://h/a", "mailto:a@example.com", "https:///a", "https://h/%zz"})
    void refusesWhatIsNoAbsoluteHttpUri(String uri) {
        assertEquals(Optional.empty(), HttpUriNormaliser.normalise(uri));
    }
}
