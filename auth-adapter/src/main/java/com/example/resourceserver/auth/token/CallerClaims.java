package com.example.resourceserver.auth.token;

import com.example.resourceserver.domain.caller.Caller;
import com.nimbusds.jwt.JWTClaimsSet;

import java.util.List;
import java.util.Map;

/**
 * Who a verified token identifies and what it grants: the subject ({@code sub}, or for client-credentials
 * tokens without one, the client from {@code client_id} or {@code azp}) and the scopes of {@link ScopeClaims}.
 */
final class CallerClaims {

    private static final List<String> CLIENT_CLAIMS = List.of("client_id", "azp");

    private CallerClaims() {
    }

    static Caller callerOf(JWTClaimsSet claims, Map<String, Object> json) {
        return new Caller(subjectOf(claims), ScopeClaims.granted(json));
    }

    static String subjectOf(JWTClaimsSet claims) {
        String subject = claims.getSubject();
        if (subject != null && !subject.isBlank()) {
            return subject;
        }
        for (String claim : CLIENT_CLAIMS) {
            if (claims.getClaim(claim) instanceof String text && !text.isBlank()) {
                return text;
            }
        }
        return "unknown";
    }
}
