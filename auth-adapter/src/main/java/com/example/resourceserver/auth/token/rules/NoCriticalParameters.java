package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JWSHeader;
import java.util.Optional;

/** RFC 7515 §4.1.11: we implement no extension, so any critical parameter is one we do not understand. */
public final class NoCriticalParameters implements HeaderRule {

    @Override
    public Optional<Reason> check(JWSHeader header) {
        return header.getCriticalParams() == null || header.getCriticalParams().isEmpty()
                ? Optional.empty()
                : Optional.of(Reason.UNSUPPORTED_CRITICAL_HEADER);
    }
}
