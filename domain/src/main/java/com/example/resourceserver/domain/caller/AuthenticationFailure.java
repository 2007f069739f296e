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

    /** The ways RFC 6750 and RFC 9449 tell a client that its credentials did not work. */
    public enum Kind {
        /** RFC 6750 {@code invalid_request}: the request itself is malformed (400). */
        INVALID_REQUEST,
        /** RFC 6750 {@code invalid_token}: the token is not acceptable (401). */
        INVALID_TOKEN,
        /** RFC 9449 §7.1 {@code invalid_dpop_proof}: the DPoP proof is not acceptable (401). */
        INVALID_DPOP_PROOF,
        /**
         * The request could not be judged because something it depends on cannot be reached right now: the
         * issuer's keys, its introspection endpoint, the DPoP replay store (503 with {@code Retry-After}).
         */
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

        // RFC 9449 (DPoP): the token's binding, then the proof (§4.3), in the order they are checked.
        MULTIPLE_DPOP_PROOFS(Kind.INVALID_REQUEST, "The request carries more than one DPoP header"),
        DPOP_BOUND_TOKEN_AS_BEARER(
                Kind.INVALID_TOKEN,
                "The access token is bound to a DPoP key: send it as Authorization: DPoP with a DPoP proof"),
        DPOP_REQUIRED(Kind.INVALID_TOKEN, "This API accepts this issuer's tokens only with the DPoP scheme"),
        DPOP_NOT_ACCEPTED(Kind.INVALID_TOKEN, "This API does not accept the DPoP scheme for this issuer's tokens"),
        TOKEN_NOT_DPOP_BOUND(Kind.INVALID_TOKEN, "The access token is not bound to a DPoP key"),
        DPOP_PROOF_MISSING(Kind.INVALID_DPOP_PROOF, "The request uses the DPoP scheme without a DPoP proof header"),
        DPOP_PROOF_TOO_LONG(Kind.INVALID_DPOP_PROOF, "The DPoP proof is too long"),
        DPOP_PROOF_MALFORMED(Kind.INVALID_DPOP_PROOF, "The DPoP proof is not a well-formed signed JWT"),
        DPOP_PROOF_DUPLICATE_MEMBER(Kind.INVALID_DPOP_PROOF, "The DPoP proof repeats a JSON member"),
        DPOP_PROOF_WRONG_TYPE(Kind.INVALID_DPOP_PROOF, "The DPoP proof must have typ dpop+jwt"),
        DPOP_PROOF_DISALLOWED_ALGORITHM(
                Kind.INVALID_DPOP_PROOF, "The DPoP proof is not signed with an allowed asymmetric algorithm"),
        DPOP_PROOF_UNSUPPORTED_CRITICAL_HEADER(
                Kind.INVALID_DPOP_PROOF, "The DPoP proof marks a header parameter as critical that is not supported"),
        DPOP_PROOF_MISSING_KEY(Kind.INVALID_DPOP_PROOF, "The DPoP proof has no jwk header"),
        DPOP_PROOF_PRIVATE_KEY(Kind.INVALID_DPOP_PROOF, "The DPoP proof jwk header contains private key material"),
        DPOP_PROOF_UNUSABLE_KEY(
                Kind.INVALID_DPOP_PROOF, "The DPoP proof jwk header is not a public key that fits its algorithm"),
        DPOP_PROOF_BAD_SIGNATURE(Kind.INVALID_DPOP_PROOF, "The DPoP proof signature does not verify with its jwk"),
        DPOP_PROOF_MISSING_CLAIM(
                Kind.INVALID_DPOP_PROOF, "The DPoP proof lacks one of the claims jti, htm, htu, iat and ath"),
        DPOP_PROOF_INVALID_CLAIM(
                Kind.INVALID_DPOP_PROOF, "The DPoP proof has a claim of the wrong type or an empty one"),
        DPOP_PROOF_METHOD_MISMATCH(Kind.INVALID_DPOP_PROOF, "The DPoP proof htm does not match the request method"),
        DPOP_PROOF_URI_MISMATCH(Kind.INVALID_DPOP_PROOF, "The DPoP proof htu does not match the request URI"),
        DPOP_PROOF_ISSUED_TOO_LONG_AGO(Kind.INVALID_DPOP_PROOF, "The DPoP proof iat is too far in the past"),
        DPOP_PROOF_ISSUED_IN_FUTURE(Kind.INVALID_DPOP_PROOF, "The DPoP proof iat is in the future"),
        DPOP_PROOF_ACCESS_TOKEN_HASH_MISMATCH(
                Kind.INVALID_DPOP_PROOF, "The DPoP proof ath does not match the access token"),
        DPOP_PROOF_KEY_NOT_BOUND_TO_TOKEN(
                Kind.INVALID_DPOP_PROOF, "The DPoP proof key is not the key the access token is bound to"),
        DPOP_PROOF_REPLAYED(Kind.INVALID_DPOP_PROOF, "The DPoP proof has been used before"),

        KEYS_UNAVAILABLE(
                Kind.KEYS_UNAVAILABLE,
                "The keys to verify the access token cannot be obtained right now, try again later"),
        INTROSPECTION_UNAVAILABLE(
                Kind.KEYS_UNAVAILABLE, "The access token cannot be checked with its issuer right now, try again later"),
        DPOP_REPLAY_STORE_UNAVAILABLE(
                Kind.KEYS_UNAVAILABLE,
                "Whether the DPoP proof was used before cannot be checked right now, try again later");

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

    /** The DPoP replay store did not answer in time: 503, never an unchecked acceptance. */
    public static AuthenticationFailure replayStoreUnavailable(Duration retryAfter) {
        return new AuthenticationFailure(Reason.DPOP_REPLAY_STORE_UNAVAILABLE, retryAfter);
    }

    public Kind kind() {
        return reason.kind();
    }

    public String description() {
        return reason.description();
    }
}
