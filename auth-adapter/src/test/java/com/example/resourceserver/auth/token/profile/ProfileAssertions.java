package com.example.resourceserver.auth.token.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.resourceserver.auth.config.ProviderSettings;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Short assertions on one profile: verdict, subject and grants of a claim set. */
final class ProfileAssertions {

    private final ProviderProfile profile;

    ProfileAssertions(ProviderSettings settings) {
        this.profile = ProviderProfiles.of(settings);
    }

    void accepts(Map<String, Object> claims) {
        assertEquals(Optional.empty(), ProfileClaims.verdict(profile, claims), claims::toString);
    }

    void refuses(Reason reason, Map<String, Object> claims) {
        assertEquals(Optional.of(reason), ProfileClaims.verdict(profile, claims), claims::toString);
    }

    void subject(String expected, Map<String, Object> claims) {
        assertEquals(expected, profile.subjectOf(ProfileClaims.of(claims)));
    }

    void grants(Set<String> expected, Map<String, Object> claims) {
        assertEquals(expected, profile.grantsOf(ProfileClaims.of(claims)));
    }
}
