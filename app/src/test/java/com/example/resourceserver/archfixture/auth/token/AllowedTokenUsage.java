package com.example.resourceserver.archfixture.auth.token;

import com.example.resourceserver.archfixture.auth.config.AllowedSettings;
import com.example.resourceserver.archfixture.auth.keys.AllowedKeysUsage;
import com.example.resourceserver.archfixture.auth.token.rules.AllowedRule;
import com.nimbusds.jwt.SignedJWT;

/** The token layer may use keys and configuration (and its own rules), with Nimbus but without Micronaut. */
public class AllowedTokenUsage {

    AllowedKeysUsage keys;
    AllowedSettings settings;
    AllowedRule rule;
    SignedJWT token;
}
