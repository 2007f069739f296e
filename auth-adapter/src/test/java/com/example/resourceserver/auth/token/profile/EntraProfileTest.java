package com.example.resourceserver.auth.token.profile;

import static com.example.resourceserver.auth.token.profile.ProfileClaims.AUDIENCE;

import com.example.resourceserver.auth.config.Provider;
import com.example.resourceserver.auth.config.ProviderSettings;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EntraProfileTest {

    final ProfileAssertions entra = new ProfileAssertions(ProviderSettings.of(Provider.ENTRA));

    @Test
    void v2AndV1AccessTokensPass() {
        entra.accepts(Map.of("aud", AUDIENCE, "azp", "client", "scp", "Messages.Read", "ver", "2.0"));
        entra.accepts(Map.of("aud", AUDIENCE, "appid", "client", "scp", "Messages.Read", "ver", "1.0"));
    }

    @Test
    void idTokensAreRefused() {
        entra.refuses(Reason.WRONG_AUDIENCE, Map.of("aud", "client", "nonce", "n", "ver", "2.0"));
        entra.refuses(Reason.INVALID_CLAIM, Map.of("aud", AUDIENCE, "nonce", "n", "ver", "2.0"));
        entra.refuses(Reason.MISSING_CLAIM, Map.of("aud", AUDIENCE, "oid", "o", "ver", "2.0"));
    }

    @Test
    void delegatedScpAndApplicationRolesAreGrants() {
        entra.grants(Set.of("Messages.Read", "User.Read"), Map.of("scp", "Messages.Read User.Read"));
        entra.grants(Set.of("Messages.Read.All"), Map.of("roles", List.of("Messages.Read.All")));
        entra.grants(Set.of(), Map.of("scope", "ignored", "permissions", List.of("ignored"), "groups", List.of("g")));
    }

    @Test
    void theSubjectIsSubElseOid() {
        entra.subject("pairwise-sub", Map.of("sub", "pairwise-sub", "oid", "o"));
        entra.subject("o", Map.of("oid", "o", "azp", "client"));
    }
}
