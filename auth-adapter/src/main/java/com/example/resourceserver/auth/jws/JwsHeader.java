package com.example.resourceserver.auth.jws;

import com.nimbusds.jose.JWSHeader;
import java.util.Map;

/**
 * A JOSE header as read by {@link JwsReader}: its JSON members, Nimbus's {@link JWSHeader} made from them
 * (null when Nimbus does not take them for a JWS header, as for {@code alg: none}), and its base64url text,
 * by which it is remembered.
 *
 * <p>Immutable but for one slot, {@link #derived()}: what a consumer built from the header once and may
 * reuse whenever the same text comes again (the DPoP verifier keeps the proof key's verifier and thumbprint
 * there, since a client signs all its proofs with one key). Only values that follow from the text alone
 * belong there.
 */
public final class JwsHeader {

    private final String text;
    private final Map<String, Object> json;
    private final JWSHeader parsed;
    private volatile Object derived;

    JwsHeader(String text, Map<String, Object> json, JWSHeader parsed) {
        this.text = text;
        this.json = json;
        this.parsed = parsed;
    }

    /** The header's base64url text. */
    public String text() {
        return text;
    }

    /** The members as sent. */
    public Map<String, Object> json() {
        return json;
    }

    /** Nimbus's header; null when the members are no JWS header to Nimbus ({@code alg} none, missing, ...). */
    public JWSHeader parsed() {
        return parsed;
    }

    /** The {@code alg} member as sent, or null when it is absent or not a string. */
    public String algorithmName() {
        return json.get("alg") instanceof String name ? name : null;
    }

    /** What a consumer derived from this header earlier, or null. */
    public Object derived() {
        return derived;
    }

    /** Keeps what was derived from this header's text, for the next time the same text comes. */
    public void derived(Object value) {
        this.derived = value;
    }
}
