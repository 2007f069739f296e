package com.example.resourceserver.domain.caller;

import java.time.Duration;
import java.util.Objects;

/**
 * Why a request that presented credentials has no {@link Caller}.
 *
 * <p>The auth adapter produces it, the web adapter renders it; neither knows the other, both know
 * this type. A request without any credentials has no failure at all: it is simply anonymous.
 *
 * @param reason     what went wrong; fixes the kind and a short description that never echoes the token
 * @param retryAfter for {@link Kind#KEYS_UNAVAILABLE}, when trying again makes sense; otherwise zero
 */
public record AuthenticationFailure(Reason reason, Duration retryAfter) {

    /**
     * The name under which adapters carry a failure alongside the request it belongs to (for example
     * as an HTTP request attribute), so that the adapter that finds it and the one that renders it
     * agree without knowing each other.
     */
    public static final String REQUEST_ATTRIBUTE = "resourceserver.authentication-failure";

    /** The three ways RFC 6750 tells a client that its credentials did not work. */
    public enum Kind {
        /** RFC 6750 {@code invalid_request}: the request itself is malformed (400). */
        INVALID_REQUEST,
        /** RFC 6750 {@code invalid_token}: the token is not acceptable (401). */
        INVALID_TOKEN,
        /** The token could not be checked because the issuer's keys cannot be obtained (503). */
        KEYS_UNAVAILABLE
    }

    /**
     * Each specific cause, with its kind and description. Descriptions are fixed strings: they never
     * carry request data and contain neither {@code "} nor {@code \} (RFC 6750 §3).
     */
    public enum Reason {
        MULTIPLE_AUTHORIZATION_HEADERS(Kind.INVALID_REQUEST, "The request carries more than one Authorization header"),
        TOKEN_IN_MULTIPLE_PLACES(Kind.INVALID_REQUEST, "The request carries an access token in more than one place"),

        MALFORMED(Kind.INVALID_TOKEN, "The access token is not a well-formed signed JWT"),
        DISALLOWED_ALGORITHM(Kind.INVALID_TOKEN, "The access token is signed with an algorithm that is not allowed"),
        DISALLOWED_TYPE(Kind.INVALID_TOKEN, "The access token has a type (typ) that is not allowed"),
        UNSUPPORTED_CRITICAL_HEADER(
                Kind.INVALID_TOKEN, "The access token marks a header parameter as critical that is not supported"),
        UNTRUSTED_ISSUER(Kind.INVALID_TOKEN, "The access token was not issued by a trusted issuer"),
        UNKNOWN_KEY(Kind.INVALID_TOKEN, "The access token is signed with an unknown key"),
        BAD_SIGNATURE(Kind.INVALID_TOKEN, "The access token signature is invalid"),
        EXPIRED(Kind.INVALID_TOKEN, "The access token expired"),
        NOT_YET_VALID(Kind.INVALID_TOKEN, "The access token is not valid yet"),
        ISSUED_IN_FUTURE(Kind.INVALID_TOKEN, "The access token was issued in the future"),
        WRONG_AUDIENCE(Kind.INVALID_TOKEN, "The access token is not intended for this API"),
        MISSING_CLAIM(Kind.INVALID_TOKEN, "The access token lacks a required claim"),
        INVALID_CLAIM(Kind.INVALID_TOKEN, "The access token has a claim with an invalid value"),
        INACTIVE(Kind.INVALID_TOKEN, "The access token is not active"),

        KEYS_UNAVAILABLE(
                Kind.KEYS_UNAVAILABLE,
                "The keys to verify the access token cannot be obtained right now, try again later"),
        INTROSPECTION_UNAVAILABLE(
                Kind.KEYS_UNAVAILABLE, "The access token cannot be checked with its issuer right now, try again later");

        private final Kind kind;
        private final String description;

        Reason(Kind kind, String description) {
            this.kind = kind;
            this.description = description;
        }

        public Kind kind() {
            return kind;
        }

        public String description() {
            return description;
        }
    }

    public AuthenticationFailure {
        Objects.requireNonNull(reason, "reason");
        retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
        if (retryAfter.isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative");
        }
    }

    public static AuthenticationFailure of(Reason reason) {
        return new AuthenticationFailure(reason, Duration.ZERO);
    }

    public static AuthenticationFailure keysUnavailable(Duration retryAfter) {
        return new AuthenticationFailure(Reason.KEYS_UNAVAILABLE, retryAfter);
    }

    /** The issuer's introspection endpoint failed or did not answer in time (503, like unavailable keys). */
    public static AuthenticationFailure introspectionUnavailable(Duration retryAfter) {
        return new AuthenticationFailure(Reason.INTROSPECTION_UNAVAILABLE, retryAfter);
    }

    public Kind kind() {
        return reason.kind();
    }

    public String description() {
        return reason.description();
    }
}
