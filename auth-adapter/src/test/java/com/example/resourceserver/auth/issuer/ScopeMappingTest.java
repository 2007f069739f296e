package com.example.resourceserver.auth.issuer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.example.resourceserver.domain.caller.Scope;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ScopeMappingTest {

    private static Set<Scope> scopes(String... values) {
        return Arrays.stream(values).map(Scope::of).collect(Collectors.toSet());
    }

    @Test
    void asGrantedEveryValidGrantIsItsOwnScope() {
        assertEquals(
                scopes("openid", "read:messages"),
                ScopeMapping.AS_GRANTED.scopesOf(List.of("openid", "read:messages", "bad\"one", "")));
    }

    @Test
    void theResourceServerPrefixIsTakenOff() {
        ScopeMapping cognito = new ScopeMapping("messages-api", Map.of());
        assertEquals(
                scopes("read:messages", "aws.cognito.signin.user.admin"),
                cognito.scopesOf(List.of("messages-api/read:messages", "aws.cognito.signin.user.admin")));
        assertEquals(
                scopes("read:messages"),
                new ScopeMapping("messages-api/", Map.of()).scopesOf(List.of("messages-api/read:messages")));
    }

    @Test
    void urlIdentifiersArePrefixesToo() {
        assertEquals(
                scopes("read:messages"),
                new ScopeMapping("https://api.example.com", Map.of())
                        .scopesOf(List.of("https://api.example.com/read:messages")));
    }

    @Test
    void anotherResourceServersScopeKeepsItsPrefix() {
        ScopeMapping cognito = new ScopeMapping("messages-api", Map.of());
        assertEquals(
                scopes("other-api/read:messages", "messages-api-v2/read:messages"),
                cognito.scopesOf(List.of("other-api/read:messages", "messages-api-v2/read:messages")));
    }

    @Test
    void theBarePrefixGrantsNothing() {
        assertEquals(Set.of(), new ScopeMapping("messages-api", Map.of()).scopesOf(List.of("messages-api/")));
    }

    @Test
    void anAliasAddsItsScopeAndKeepsTheGrant() {
        ScopeMapping entra = new ScopeMapping(null, Map.of("Messages.Read", "read:messages"));
        assertEquals(scopes("Messages.Read", "read:messages"), entra.scopesOf(List.of("Messages.Read")));
        assertEquals(scopes("messages.read"), entra.scopesOf(List.of("messages.read"))); // exact, case-sensitive
    }

    @Test
    void aliasesApplyAfterThePrefixIsTakenOff() {
        ScopeMapping cognito = new ScopeMapping("messages-api", Map.of("read", "read:messages"));
        assertEquals(scopes("read", "read:messages"), cognito.scopesOf(List.of("messages-api/read")));
    }
}
