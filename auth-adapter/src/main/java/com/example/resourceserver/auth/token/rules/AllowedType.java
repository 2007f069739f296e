package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import java.util.Optional;
import java.util.Set;

/**
 * The token's {@code typ} is one of the accepted values (compared case-insensitively by
 * {@link JOSEObjectType}); a token without {@code typ} passes unless a type is required (RFC 9068 mode).
 */
public final class AllowedType implements HeaderRule {

    private final Set<JOSEObjectType> allowed;
    private final boolean required;

    public AllowedType(Set<JOSEObjectType> allowed, boolean required) {
        this.allowed = Set.copyOf(allowed);
        this.required = required;
    }

    @Override
    public Optional<Reason> check(JWSHeader header) {
        JOSEObjectType type = header.getType();
        boolean refused = type == null ? required : !allowed.contains(type);
        return refused ? Optional.of(Reason.DISALLOWED_TYPE) : Optional.empty();
    }
}
