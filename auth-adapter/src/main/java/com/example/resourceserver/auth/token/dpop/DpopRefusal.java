package com.example.resourceserver.auth.token.dpop;

/**
 * Why a DPoP proof (or the token it comes with) was refused. Each reason has a fixed description for the
 * {@code error_description} of the challenge: it never quotes the proof or the token, and holds neither
 * {@code "} nor {@code \}, so it is a valid RFC 6750 §3 quoted string as it is.
 */
public enum DpopRefusal {
    TOO_LONG("The DPoP proof is too long."),
    MALFORMED("The DPoP proof is not a well-formed signed JWT."),
    DUPLICATE_MEMBER("The DPoP proof repeats a JSON member."),
    WRONG_TYPE("The DPoP proof must have typ dpop+jwt."),
    DISALLOWED_ALGORITHM("The DPoP proof is not signed with an allowed asymmetric algorithm."),
    UNSUPPORTED_CRITICAL_HEADER("The DPoP proof has a critical header parameter that is not understood."),
    MISSING_KEY("The DPoP proof has no jwk header."),
    PRIVATE_KEY("The DPoP proof's jwk header contains private key material."),
    UNUSABLE_KEY("The DPoP proof's jwk header is not a public key that fits its algorithm."),
    BAD_SIGNATURE("The DPoP proof's signature does not verify with its jwk."),
    MISSING_CLAIM("The DPoP proof lacks one of the claims jti, htm, htu, iat and ath."),
    INVALID_CLAIM("The DPoP proof has a claim of the wrong type or an empty one."),
    METHOD_MISMATCH("The DPoP proof's htm does not match the request method."),
    URI_MISMATCH("The DPoP proof's htu does not match the request URI."),
    ISSUED_TOO_LONG_AGO("The DPoP proof's iat is too far in the past."),
    ISSUED_IN_FUTURE("The DPoP proof's iat is in the future."),
    ACCESS_TOKEN_HASH_MISMATCH("The DPoP proof's ath does not match the access token."),
    KEY_NOT_BOUND_TO_TOKEN("The DPoP proof's key is not the key the access token is bound to."),
    REPLAYED("The DPoP proof has been used before."),
    TOKEN_NOT_BOUND("The access token is not bound to a DPoP key.", Error.INVALID_TOKEN);

    /** The RFC 6750 / RFC 9449 §7.1 {@code error} code the challenge carries. */
    public enum Error {
        INVALID_DPOP_PROOF("invalid_dpop_proof"),
        INVALID_TOKEN("invalid_token");

        private final String code;

        Error(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private final String description;
    private final Error error;

    DpopRefusal(String description) {
        this(description, Error.INVALID_DPOP_PROOF);
    }

    DpopRefusal(String description, Error error) {
        this.description = description;
        this.error = error;
    }

    /** Fixed text for {@code error_description}: no token content, no quote or backslash. */
    public String description() {
        return description;
    }

    public Error error() {
        return error;
    }
}
