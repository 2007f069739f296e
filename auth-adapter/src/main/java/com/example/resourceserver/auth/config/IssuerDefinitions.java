package com.example.resourceserver.auth.config;

import static com.example.resourceserver.auth.config.IssuerSetting.AUDIENCE;
import static com.example.resourceserver.auth.config.IssuerSetting.DPOP;
import static com.example.resourceserver.auth.config.IssuerSetting.ISSUER;
import static com.example.resourceserver.auth.config.IssuerSetting.JWKS_URI;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns one configured entry into a {@link TrustedIssuer}, each setting checked, the first problem one sentence. */
final class IssuerDefinitions {

    private IssuerDefinitions() {}

    /**
     * An issuer needs its exact {@code iss} and, unless it is Cognito, the audience its tokens carry; the JWKS
     * URL is optional (keys from the configured URL, else from the issuer's metadata). Cognito access tokens
     * carry no {@code aud}, so an audience there would never match.
     */
    static TrustedIssuer of(IssuerEntry entry, boolean insecureHttpAllowed) {
        String issuer = entry.value(ISSUER);
        if (issuer == null) {
            throw new InvalidAuthConfigurationException(entry.missingIssuer(entry.firstSetVariable()));
        }
        ProviderSettings settings = ProviderSettings.of(entry);
        String audience = entry.value(AUDIENCE);
        if (settings.provider() == Provider.COGNITO) {
            if (audience != null) {
                throw new InvalidAuthConfigurationException(entry.variable(AUDIENCE) + " must not be set with "
                        + entry.variable(IssuerSetting.PROVIDER) + "=cognito: Cognito access tokens carry no aud; "
                        + "list the app clients allowed to call this API in "
                        + entry.variable(IssuerSetting.ALLOWED_CLIENT_IDS) + " instead.");
            }
        } else if (audience == null) {
            throw new InvalidAuthConfigurationException(entry.missingAudience());
        }
        if (entry.has(JWKS_URI)) {
            JwksLocation jwks = new JwksLocation.Fixed(
                    FetchableUrl.parse(entry.value(JWKS_URI), entry.variable(JWKS_URI), insecureHttpAllowed));
            return new TrustedIssuer(entry.name(), issuer, audience, jwks, settings);
        }
        // Without an explicit JWKS URL the issuer itself is fetched (discovery), so it must be a safe URL.
        FetchableUrl.parse(issuer, entry.variable(ISSUER), insecureHttpAllowed);
        return new TrustedIssuer(entry.name(), issuer, audience, new JwksLocation.Discovered(issuer), settings);
    }

    /**
     * Each issuer with its DPoP mode (its own entry's, else the top-level {@code AUTH_DPOP}, else allowed) and its
     * introspection target (its own entry's; the top-level settings belong to the issuer named default, or to the
     * only issuer there is).
     */
    static List<TrustedIssuer> withModesAndIntrospection(
            Map<TrustedIssuer, IssuerEntry> issuers, IssuerEntry topLevel, boolean insecureHttpAllowed) {
        DpopMode fallback =
                topLevel.has(DPOP) ? DpopMode.parse(topLevel.value(DPOP), topLevel.variable(DPOP)) : DpopMode.ALLOWED;
        List<TrustedIssuer> resolved = new ArrayList<>();
        boolean topLevelOwned = false;
        for (Map.Entry<TrustedIssuer, IssuerEntry> pair : issuers.entrySet()) {
            TrustedIssuer issuer = pair.getKey();
            IssuerEntry entry = pair.getValue();
            boolean ownEntry = !entry.topLevel();
            DpopMode mode =
                    ownEntry && entry.has(DPOP) ? DpopMode.parse(entry.value(DPOP), entry.variable(DPOP)) : fallback;
            Optional<IntrospectionTarget> target =
                    ownEntry ? IntrospectionTarget.of(entry, issuer.name(), insecureHttpAllowed) : Optional.empty();
            boolean ownsTopLevel = issuer.name().equals(IssuerEntry.DEFAULT_NAME) || issuers.size() == 1;
            if (target.isEmpty() && ownsTopLevel) {
                target = IntrospectionTarget.of(topLevel, issuer.name(), insecureHttpAllowed);
            }
            topLevelOwned |= ownsTopLevel;
            resolved.add(issuer.with(mode, target));
        }
        if (IntrospectionTarget.configuredIn(topLevel) && !topLevelOwned) {
            throw new InvalidAuthConfigurationException(
                    "AUTH_INTROSPECTION_URI and AUTH_INTROSPECTION_CLIENT_ID belong "
                            + "to the top-level AUTH_ISSUER; with several named issuers set auth.issuers.<name>.introspection-* "
                            + "instead.");
        }
        return resolved;
    }
}
