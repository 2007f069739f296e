package com.example.resourceserver.archfixture.auth.keys;

import com.example.resourceserver.archfixture.auth.config.AllowedSettings;
import com.example.resourceserver.archfixture.auth.keys.discovery.AllowedDiscovery;
import com.nimbusds.jose.jwk.JWKSet;

/** The keys layer may use the configuration (and its own sub-packages), with Nimbus but without Micronaut. */
public class AllowedKeysUsage {

    AllowedSettings settings;
    AllowedDiscovery discovery;
    JWKSet keys;
}
