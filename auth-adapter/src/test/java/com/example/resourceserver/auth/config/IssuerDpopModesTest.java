package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Which DPoP mode each issuer's tokens get, and which schemes are read and offered as a result. */
class IssuerDpopModesTest {

    private final Typed typed = new Typed();

    private IssuerDpopModesTest withIssuers(String... names) {
        for (String name : names) {
            String iss = "https://" + name + ".example/";
            if (name.equals("default")) {
                typed.set("auth.issuer", iss).set("auth.audience", "api");
            } else {
                typed.entry(name, iss, "api");
            }
        }
        return this;
    }

    private AuthConfiguration resolve() {
        return AuthConfigurationResolver.resolve(new AuthSettings(), typed.sources(), Optional.empty());
    }

    private Map<String, DpopMode> modes() {
        return resolve().issuers().stream().collect(Collectors.toMap(TrustedIssuer::name, TrustedIssuer::dpop));
    }

    @Test
    void withoutOverridesEveryIssuerFollowsAuthDpop() {
        withIssuers("default", "partner").typed.set("auth.dpop.mode", "required");
        assertEquals(Map.of("default", DpopMode.REQUIRED, "partner", DpopMode.REQUIRED), modes());
        assertFalse(resolve().someAcceptBearer(), "required everywhere: no Bearer challenge");
        assertTrue(resolve().someAcceptDpop());
    }

    @Test
    void theDefaultIsAllowedForEveryIssuer() {
        withIssuers("default");
        assertEquals(Map.of("default", DpopMode.ALLOWED), modes());
        assertTrue(resolve().someAcceptBearer());
        assertTrue(resolve().someAcceptDpop());
    }

    @Test
    void aNamedIssuerOverridesAuthDpopForItsOwnTokensOnly() {
        withIssuers("default", "partner", "legacy").typed.set("auth.dpop.mode", "allowed");
        typed.listed("partner", "dpop", " Required ").listed("legacy", "dpop", "disabled");
        assertEquals(
                Map.of("default", DpopMode.ALLOWED, "partner", DpopMode.REQUIRED, "legacy", DpopMode.DISABLED),
                modes());
    }

    @Test
    void aBlankOrUnsetOverrideFallsBackToAuthDpop() {
        withIssuers("partner", "legacy").typed.set("auth.dpop.mode", "disabled");
        typed.listed("partner", "dpop", "  ");
        assertEquals(Map.of("partner", DpopMode.DISABLED, "legacy", DpopMode.DISABLED), modes());
        assertTrue(resolve().someAcceptBearer());
        assertFalse(resolve().someAcceptDpop(), "disabled everywhere: the DPoP scheme is neither read nor offered");
    }

    @Test
    void aMixOfRequiredAndDisabledAcceptsEachSchemeSomewhere() {
        withIssuers("partner", "legacy");
        typed.listed("partner", "dpop", "required").listed("legacy", "dpop", "disabled");
        assertTrue(resolve().someAcceptBearer(), "legacy takes bearer tokens");
        assertTrue(resolve().someAcceptDpop(), "partner takes DPoP");
    }

    @Test
    void requiredEverywhereButOneAllowedIssuerStillOffersBearer() {
        withIssuers("default", "partner", "legacy").typed.set("auth.dpop.mode", "required");
        typed.listed("legacy", "dpop", "allowed");
        assertTrue(resolve().someAcceptBearer());
        assertTrue(resolve().someAcceptDpop());

        typed.listed("legacy", "dpop", "required");
        assertFalse(resolve().someAcceptBearer());
    }

    @Test
    void disabledEverywhereButOneIssuerStillReadsDpop() {
        withIssuers("default", "partner").typed.set("auth.dpop.mode", "disabled");
        typed.listed("partner", "dpop", "allowed");
        assertTrue(resolve().someAcceptDpop());
        assertTrue(resolve().someAcceptBearer());
    }

    @Test
    void anEntryWithOnlyAModeConfiguresNoIssuerAndIsRefused() {
        withIssuers("default").typed.listed("other", "dpop", "required");
        assertEquals(
                "auth.issuers.other.issuer is missing: every entry under auth.issuers needs an issuer and an audience.",
                assertThrows(InvalidAuthConfigurationException.class, this::resolve)
                        .getMessage());
    }

    @Test
    void aWrongModeNamesItsSetting() {
        withIssuers("default", "partner").typed.listed("partner", "dpop", "sometimes");
        assertEquals(
                "auth.issuers.partner.dpop must be allowed, required or disabled.",
                assertThrows(InvalidAuthConfigurationException.class, this::resolve)
                        .getMessage());
        typed.listed("partner", "dpop", null).set("auth.dpop.mode", "maybe");
        assertEquals(
                "AUTH_DPOP must be allowed, required or disabled.",
                assertThrows(InvalidAuthConfigurationException.class, this::resolve)
                        .getMessage());
    }
}
