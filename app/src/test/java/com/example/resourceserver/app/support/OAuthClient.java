package com.example.resourceserver.app.support;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a client of a real identity provider does: asks its token endpoint over HTTP for an access token
 * with the client-credentials grant (RFC 6749 §4.4). Also reads tokens, so tests can show their shape.
 */
public final class OAuthClient {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OAuthClient() {}

    /** The token endpoint's answer: HTTP status and JSON body. */
    public record TokenResponse(int status, Map<String, Object> body) {

        /** The access token, or an assertion error with the provider's answer. */
        public String accessToken() {
            if (status != 200 || !(body.get("access_token") instanceof String token)) {
                throw new AssertionError("the token endpoint refused: HTTP " + status + " " + body);
            }
            return token;
        }

        public String error() {
            return (String) body.get("error");
        }
    }

    /**
     * {@code grant_type=client_credentials} with HTTP Basic client authentication and extra form
     * parameters (scope, resource), in the order given.
     */
    public static TokenResponse clientCredentials(
            String tokenEndpoint, String clientId, String secret, String... parameterPairs) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        for (int i = 0; i < parameterPairs.length; i += 2) {
            form.put(parameterPairs[i], parameterPairs[i + 1]);
        }
        String credentials = Base64.getEncoder()
                .encodeToString((encode(clientId) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
        return postForm(tokenEndpoint, form, "Basic " + credentials);
    }

    public static TokenResponse postForm(String url, Map<String, String> form, String authorization) {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = send(request.build());
        try {
            return new TokenResponse(response.statusCode(), JSONObjectUtils.parse(response.body()));
        } catch (ParseException e) {
            throw new AssertionError(
                    "not a JSON answer from " + url + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static JWSHeader header(String token) {
        return parse(token).getHeader();
    }

    public static JWTClaimsSet claims(String token) {
        try {
            return parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AssertionError("the access token's claims are not JSON: " + e.getMessage());
        }
    }

    private static SignedJWT parse(String token) {
        try {
            return SignedJWT.parse(token);
        } catch (ParseException e) {
            throw new AssertionError("the access token is not a JWS-signed JWT: " + e.getMessage());
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
