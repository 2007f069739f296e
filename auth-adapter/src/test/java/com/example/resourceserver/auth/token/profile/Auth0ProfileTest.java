package com.example.resourceserver.auth.token.profile;

import static com.example.resourceserver.auth.token.profile.ProfileClaims.AUDIENCE;

import com.example.resourceserver.auth.config.Provider;
import com.example.resourceserver.auth.config.ProviderSettings;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Auth0ProfileTest {

    final ProfileAssertions auth0 = new ProfileAssertions(ProviderSettings.of(Provider.AUTH0));

    @Test
    void anAccessTokenForThisApiNamingItsClientPasses() {
        auth0.accepts(Map.of("aud", List.of(AUDIENCE, "https://tenant/userinfo"), "azp", "c", "sub", "auth0|1"));
        auth0.accepts(Map.of("aud", AUDIENCE, "client_id", "c", "sub", "auth0|1"));
    }

    @Test
    void idTokensAndOtherApisTokensAreRefused() {
        auth0.refuses(Reason.WRONG_AUDIENCE, Map.of("aud", "client-id", "sub", "auth0|1"));
        auth0.refuses(Reason.MISSING_CLAIM, Map.of("aud", AUDIENCE, "sub", "auth0|1"));
        auth0.refuses(Reason.INVALID_CLAIM, Map.of("aud", AUDIENCE, "azp", "c", "nonce", "n"));
        auth0.refuses(Reason.MISSING_CLAIM, Map.of("azp", "c"));
    }

    @Test
    void grantsAreScopeAndPermissionsOnly() {
        auth0.grants(
                Set.of("openid", "read:messages", "write:messages"),
                Map.of(
                        "scope",
                        "openid read:messages",
                        "permissions",
                        List.of("write:messages"),
                        "scp",
                        "ignored",
                        "roles",
                        List.of("ignored")));
    }

    @Test
    void clientCredentialsTokensNameTheClientAsSubject() {
        auth0.subject("c@clients", Map.of("sub", "c@clients", "azp", "c"));
        auth0.subject("c", Map.of("azp", "c"));
    }
}
