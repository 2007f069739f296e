package com.example.resourceserver.archfixture.auth.config;

import com.example.resourceserver.archfixture.auth.keys.discovery.AllowedDiscovery;

/** Violation: the configuration knows the keys layer, which is built from it. */
public class ConfigReachingIntoKeys {

    AllowedDiscovery discovery;
}
