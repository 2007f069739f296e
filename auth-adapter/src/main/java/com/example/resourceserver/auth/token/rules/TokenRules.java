package com.example.resourceserver.auth.token.rules;

import com.example.resourceserver.auth.config.VerificationPolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules every access token must meet, in the order they are applied; the first rule that refuses
 * decides the reason. Adding a rule means adding its class and one line here.
 *
 * <p>Header rules run before any key is looked up, so junk never costs a key fetch. Claim rules run after
 * the signature is verified, so a forged token is reported as a bad signature, not as, say, expired.
 */
public final class TokenRules {

    private TokenRules() {}

    public static List<HeaderRule> headerRules(VerificationPolicy policy) {
        return List.of(
                new AllowedAlgorithm(policy.algorithms()),
                new NoCriticalParameters(),
                new EncodedPayload(),
                new AllowedType(policy.allowedTypes(), policy.typeRequired()));
    }

    /** The rules of the generic provider: the time rules, then the audience. */
    public static List<ClaimRule> claimRules(VerificationPolicy policy) {
        List<ClaimRule> rules = new ArrayList<>(timeRules(policy));
        rules.add(new AudienceIncludesApi());
        return List.copyOf(rules);
    }

    /**
     * The rules every token meets whatever its provider; they run first. The provider profile's rules (whom the
     * token is for, that it is an access token) follow them.
     */
    public static List<ClaimRule> timeRules(VerificationPolicy policy) {
        return List.of(
                new NotExpired(policy.leeway()),
                new NotBefore(policy.leeway()),
                new NotIssuedInFuture(policy.leeway()));
    }
}
