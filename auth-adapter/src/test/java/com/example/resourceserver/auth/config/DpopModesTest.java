package com.example.resourceserver.auth.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.auth.config.DpopSettings.Mode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which DPoP mode each issuer's tokens get, and which schemes are read and offered as a result. */
class DpopModesTest {

    static TrustedIssuer issuer(String name) {
        String iss = "https://" + name + ".example/";
        return new TrustedIssuer(name, iss, "api", new JwksLocation.Discovered(iss));
    }

    static IssuerDpopSettings named(String name, String dpop) {
        IssuerDpopSettings settings = new IssuerDpopSettings(name);
        settings.setDpop(dpop);
        return settings;
    }

    static DpopSettings fallback(String mode) {
        DpopSettings settings = new DpopSettings();
        settings.setMode(mode);
        return settings;
    }

    static final TrustedIssuer TOP = issuer("default");
    static final TrustedIssuer PARTNER = issuer("partner");
    static final TrustedIssuer LEGACY = issuer("legacy");

    @Test
    void withoutOverridesEveryIssuerFollowsAuthDpop() {
        DpopModes modes = DpopModes.resolve(fallback("required"), List.of(), List.of(TOP, PARTNER));
        assertEquals(Mode.REQUIRED, modes.of(TOP));
        assertEquals(Mode.REQUIRED, modes.of(PARTNER));
        assertFalse(modes.someAcceptBearer(), "required everywhere: no Bearer challenge");
        assertTrue(modes.someAcceptDpop());
    }

    @Test
    void theDefaultIsAllowedForEveryIssuer() {
        DpopModes modes = DpopModes.resolve(new DpopSettings(), List.of(), List.of(TOP));
        assertEquals(Mode.ALLOWED, modes.of(TOP));
        assertTrue(modes.someAcceptBearer());
        assertTrue(modes.someAcceptDpop());
    }

    @Test
    void aNamedIssuerOverridesAuthDpopForItsOwnTokensOnly() {
        DpopModes modes = DpopModes.resolve(
                fallback("allowed"),
                List.of(named("partner", " Required "), named("legacy", "disabled")),
                List.of(TOP, PARTNER, LEGACY));
        assertEquals(Mode.ALLOWED, modes.of(TOP));
        assertEquals(Mode.REQUIRED, modes.of(PARTNER));
        assertEquals(Mode.DISABLED, modes.of(LEGACY));
    }

    @Test
    void aBlankOrUnsetOverrideFallsBackToAuthDpop() {
        DpopModes modes = DpopModes.resolve(
                fallback("disabled"), List.of(named("partner", "  "), named("legacy", null)), List.of(PARTNER, LEGACY));
        assertEquals(Mode.DISABLED, modes.of(PARTNER));
        assertEquals(Mode.DISABLED, modes.of(LEGACY));
        assertTrue(modes.someAcceptBearer());
        assertFalse(modes.someAcceptDpop(), "disabled everywhere: the DPoP scheme is neither read nor offered");
    }

    @Test
    void aMixOfRequiredAndDisabledAcceptsEachSchemeSomewhere() {
        DpopModes modes = DpopModes.resolve(
                fallback("allowed"),
                List.of(named("partner", "required"), named("legacy", "disabled")),
                List.of(PARTNER, LEGACY));
        assertTrue(modes.someAcceptBearer(), "legacy takes bearer tokens");
        assertTrue(modes.someAcceptDpop(), "partner takes DPoP");
    }

    @Test
    void requiredEverywhereButOneAllowedIssuerStillOffersBearer() {
        DpopModes modes = DpopModes.resolve(
                fallback("required"), List.of(named("legacy", "allowed")), List.of(TOP, PARTNER, LEGACY));
        assertTrue(modes.someAcceptBearer());
        assertTrue(modes.someAcceptDpop());

        DpopModes none =
                DpopModes.resolve(fallback("required"), List.of(named("legacy", "required")), List.of(TOP, LEGACY));
        assertFalse(none.someAcceptBearer());
    }

    @Test
    void disabledEverywhereButOneIssuerStillReadsDpop() {
        DpopModes modes =
                DpopModes.resolve(fallback("disabled"), List.of(named("partner", "allowed")), List.of(TOP, PARTNER));
        assertTrue(modes.someAcceptDpop());
        assertTrue(modes.someAcceptBearer());
    }

    @Test
    void anOverrideForAnIssuerNotTrustedChangesNothing() {
        DpopModes modes = DpopModes.resolve(fallback("disabled"), List.of(named("other", "required")), List.of(TOP));
        assertEquals(Mode.DISABLED, modes.of(TOP));
        assertTrue(modes.someAcceptBearer());
        assertFalse(modes.someAcceptDpop());
    }

    @Test
    void aWrongOverrideNamesItsProperty() {
        InvalidAuthConfigurationException e = assertThrows(
                InvalidAuthConfigurationException.class,
                () -> DpopModes.resolve(fallback("allowed"), List.of(named("partner", "sometimes")), List.of(PARTNER)));
        assertEquals("auth.issuers.partner.dpop must be allowed, required or disabled.", e.getMessage());
    }
}
