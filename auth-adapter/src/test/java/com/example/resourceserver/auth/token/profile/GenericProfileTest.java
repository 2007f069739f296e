package com.example.resourceserver.auth.token.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.resourceserver.auth.config.ProviderSettings;
import com.example.resourceserver.auth.issuer.ScopeMapping;
import com.example.resourceserver.domain.caller.Scope;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generic profile's grants: the union of scope, scp and permissions, exactly as before profiles. */
class GenericProfileTest {

    private static Set<Scope> granted(Map<String, Object> claims) {
        ProviderProfile generic = ProviderProfiles.of(ProviderSettings.GENERIC);
        return ScopeMapping.AS_GRANTED.scopesOf(generic.grantsOf(ProfileClaims.of(claims)));
    }

    private static Set<Scope> scopes(String... values) {
        return Arrays.stream(values).map(Scope::of).collect(Collectors.toSet());
    }

    @Test
    void scopeIsSpaceDelimited() {
        assertEquals(scopes("openid", "read:messages", "x"), granted(Map.of("scope", " openid  read:messages x ")));
    }

    @Test
    void scpAsStringOrArray() {
        assertEquals(scopes("a", "b"), granted(Map.of("scp", "a b")));
        assertEquals(scopes("a", "b"), granted(Map.of("scp", List.of("a", "b"))));
    }

    @Test
    void permissionsArrayAndTheUnionOfAllThree() {
        assertEquals(
                scopes("a", "b", "c", "read:messages"),
                granted(Map.of("scope", "a", "scp", List.of("b"), "permissions", List.of("c", "read:messages"))));
    }

    @Test
    void scopeAsAnArrayToo() {
        assertEquals(scopes("read:messages"), granted(Map.of("scope", List.of("read:messages"))));
    }

    @Test
    void junkGrantsNothing() {
        assertEquals(
                Set.of(), granted(Map.of("scope", 42, "scp", Map.of("a", "b"), "permissions", "read:messages\"x")));
        assertEquals(scopes("ok"), granted(Map.of("permissions", Arrays.asList(1, "ok", "bad\\one", true))));
        assertEquals(Set.of(), granted(Map.of("roles", List.of("read:messages"))));
    }
}
