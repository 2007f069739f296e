package com.example.resourceserver.auth.token.profile;

import com.example.resourceserver.auth.config.Provider;
import com.example.resourceserver.auth.config.ProviderSettings;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CognitoProfileTest {

    final ProfileAssertions cognito = new ProfileAssertions(
            new ProviderSettings(Provider.COGNITO, Set.of("1example23456789"), "messages-api", Set.of(), Map.of()));

    @Test
    void anAccessTokenOfAnAllowedClientPassesWithoutAud() {
        cognito.accepts(Map.of("token_use", "access", "client_id", "1example23456789", "sub", "u"));
    }

    @Test
    void idTokensAndOtherClientsAreRefused() {
        cognito.refuses(Reason.INVALID_CLAIM, Map.of("token_use", "id", "aud", "1example23456789", "sub", "u"));
        cognito.refuses(Reason.MISSING_CLAIM, Map.of("client_id", "1example23456789", "sub", "u"));
        cognito.refuses(Reason.MISSING_CLAIM, Map.of("token_use", "access", "aud", "1example23456789"));
        cognito.refuses(Reason.WRONG_AUDIENCE, Map.of("token_use", "access", "client_id", "other"));
        cognito.refuses(
                Reason.INVALID_CLAIM, Map.of("token_use", "access", "client_id", "1example23456789", "at_hash", "h"));
    }

    @Test
    void grantsAreTheScopeStringAsWritten() {
        // The prefix is the scope package's business: the profile reports grants as Cognito wrote them.
        cognito.grants(
                Set.of("aws.cognito.signin.user.admin", "messages-api/read:messages"),
                Map.of(
                        "scope",
                        "aws.cognito.signin.user.admin messages-api/read:messages",
                        "cognito:groups",
                        java.util.List.of("admin")));
    }

    @Test
    void theSubjectIsSubElseTheClient() {
        cognito.subject("u", Map.of("sub", "u", "client_id", "c"));
        cognito.subject("c", Map.of("client_id", "c"));
    }
}
