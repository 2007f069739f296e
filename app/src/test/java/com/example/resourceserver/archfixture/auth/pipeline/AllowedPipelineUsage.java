package com.example.resourceserver.archfixture.auth.pipeline;

import com.example.resourceserver.archfixture.auth.config.AllowedSettings;
import com.example.resourceserver.archfixture.auth.issuer.AllowedIssuerUsage;
import com.example.resourceserver.archfixture.auth.keys.AllowedKeysUsage;
import com.example.resourceserver.archfixture.auth.token.AllowedTokenUsage;

/** The pipeline may use the issuers, the token, DPoP and introspection layer, the engine and configuration. */
public class AllowedPipelineUsage {
    AllowedIssuerUsage issuer;
    AllowedTokenUsage token;
    AllowedKeysUsage keys;
    AllowedSettings settings;
}
