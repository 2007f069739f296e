package com.example.resourceserver.domain.caller;

/**
 * The authorization scheme a request presented its access token with. A refusal is answered in the scheme
 * the client used (RFC 9449 §7.1: a DPoP request's bad token gets a {@code DPoP} challenge).
 */
public enum CredentialScheme {
    /** RFC 6750 §2.1: {@code Authorization: Bearer <token>}. */
    BEARER("Bearer"),
    /** RFC 9449 §7.1: {@code Authorization: DPoP <token>} with a {@code DPoP} proof header. */
    DPOP("DPoP");

    /** The name under which adapters carry the scheme alongside the request it belongs to. */
    public static final String REQUEST_ATTRIBUTE = "resourceserver.credential-scheme";

    private final String challengeName;

    CredentialScheme(String challengeName) {
        this.challengeName = challengeName;
    }

    /** The auth-scheme as written in {@code WWW-Authenticate}. */
    public String challengeName() {
        return challengeName;
    }
}
