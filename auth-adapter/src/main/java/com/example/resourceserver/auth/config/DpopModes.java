package com.example.resourceserver.auth.config;

import com.example.resourceserver.auth.config.DpopSettings.Mode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which DPoP mode applies to each trusted issuer's tokens: {@code auth.issuers.<name>.dpop} where set,
 * otherwise {@code AUTH_DPOP}. Resolved once at startup; a wrong value stops it with a sentence naming the
 * setting.
 */
public final class DpopModes {

    private final Mode fallback;
    private final Map<String, Mode> byIssuerName;
    private final boolean someAcceptBearer;
    private final boolean someAcceptDpop;

    private DpopModes(Mode fallback, Map<String, Mode> byIssuerName, List<TrustedIssuer> issuers) {
        this.fallback = fallback;
        this.byIssuerName = Map.copyOf(byIssuerName);
        boolean bearer = false;
        boolean dpop = false;
        for (TrustedIssuer issuer : issuers) {
            Mode mode = of(issuer);
            bearer |= mode != Mode.REQUIRED;
            dpop |= mode != Mode.DISABLED;
        }
        this.someAcceptBearer = bearer;
        this.someAcceptDpop = dpop;
    }

    public static DpopModes resolve(
            DpopSettings settings, List<IssuerDpopSettings> named, List<TrustedIssuer> issuers) {
        Map<String, Mode> modes = new HashMap<>();
        for (IssuerDpopSettings entry : named) {
            if (entry.getDpop() != null && !entry.getDpop().isBlank()) {
                modes.put(
                        entry.getName(),
                        DpopSettings.modeOf(entry.getDpop(), "auth.issuers." + entry.getName() + ".dpop"));
            }
        }
        return new DpopModes(settings.mode(), modes, issuers);
    }

    /** The mode for tokens of {@code issuer}. */
    public Mode of(TrustedIssuer issuer) {
        return byIssuerName.getOrDefault(issuer.name(), fallback);
    }

    /** Whether plain bearer tokens of at least one issuer are accepted (the Bearer challenge is offered). */
    public boolean someAcceptBearer() {
        return someAcceptBearer;
    }

    /** Whether DPoP tokens of at least one issuer are accepted (the DPoP scheme is read and offered). */
    public boolean someAcceptDpop() {
        return someAcceptDpop;
    }
}
