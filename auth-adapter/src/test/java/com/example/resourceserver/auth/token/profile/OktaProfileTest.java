package com.example.resourceserver.auth.token.profile;

import static com.example.resourceserver.auth.token.profile.ProfileClaims.AUDIENCE;

import com.example.resourceserver.auth.config.Provider;
import com.example.resourceserver.auth.config.ProviderSettings;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OktaProfileTest {

    final ProfileAssertions okta = new ProfileAssertions(ProviderSettings.of(Provider.OKTA));

    @Test
    void anAccessTokenWithCidPasses() {
        okta.accepts(Map.of("aud", AUDIENCE, "cid", "client", "uid", "user", "sub", "user@example.com"));
    }

    @Test
    void idTokensAreRefused() {
        okta.refuses(Reason.WRONG_AUDIENCE, Map.of("aud", "client", "sub", "u", "nonce", "n", "at_hash", "h"));
        okta.refuses(Reason.INVALID_CLAIM, Map.of("aud", AUDIENCE, "sub", "u", "at_hash", "h"));
        okta.refuses(Reason.MISSING_CLAIM, Map.of("aud", AUDIENCE, "sub", "u"));
    }

    @Test
    void grantsAreTheScpArray() {
        okta.grants(
                Set.of("openid", "read:messages"),
                Map.of("scp", List.of("openid", "read:messages"), "scope", "ignored"));
    }

    @Test
    void theSubjectIsSubElseTheClient() {
        okta.subject("user@example.com", Map.of("sub", "user@example.com", "cid", "c"));
        okta.subject("c", Map.of("cid", "c"));
    }
}
