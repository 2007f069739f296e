package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JWSHeader;
import java.util.Optional;

/** RFC 7797 unencoded payloads ({@code b64: false}) are not JWTs. */
public final class EncodedPayload implements HeaderRule {

    @Override
    public Optional<Reason> check(JWSHeader header) {
        return header.isBase64URLEncodePayload() ? Optional.empty() : Optional.of(Reason.MALFORMED);
    }
}
