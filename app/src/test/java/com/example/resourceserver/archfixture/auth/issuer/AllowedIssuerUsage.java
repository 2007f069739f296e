package com.example.resourceserver.archfixture.auth.issuer;

import com.example.resourceserver.archfixture.auth.config.AllowedSettings;
import com.example.resourceserver.archfixture.auth.keys.AllowedKeysUsage;
import com.example.resourceserver.archfixture.auth.token.AllowedTokenUsage;

/** An issuer owns its keys, its profile and rules (the token layer) and is built from configuration. */
public class AllowedIssuerUsage {
    AllowedKeysUsage keys;
    AllowedTokenUsage rules;
    AllowedSettings settings;
}
