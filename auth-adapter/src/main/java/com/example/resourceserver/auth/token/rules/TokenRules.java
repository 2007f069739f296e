package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.auth.config.VerificationPolicy;

import java.util.List;

/**
 * The rules every access token must meet, in the order they are applied; the first rule that refuses
 * decides the reason. Adding a rule means adding its class and one line here.
 *
 * <p>Header rules run before any key is looked up, so junk never costs a key fetch. Claim rules run after
 * the signature is verified, so a forged token is reported as a bad signature, not as, say, expired.
 */
public final class TokenRules {

    private TokenRules() {
    }

    public static List<HeaderRule> headerRules(VerificationPolicy policy) {
        return List.of(
                new AllowedAlgorithm(policy.algorithms()),
                new NoCriticalParameters(),
                new EncodedPayload(),
                new AllowedType(policy.allowedTypes(), policy.typeRequired()));
    }

    public static List<ClaimRule> claimRules(VerificationPolicy policy) {
        return List.of(
                new NotExpired(policy.leeway()),
                new NotBefore(policy.leeway()),
                new NotIssuedInFuture(policy.leeway()),
                new AudienceIncludesApi());
    }
}
