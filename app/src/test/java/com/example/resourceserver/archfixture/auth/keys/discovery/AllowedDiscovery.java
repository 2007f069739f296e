package com.example.resourceserver.archfixture.auth.keys.discovery;

import java.net.URI;

/**
 * Part of the keys layer that uses nothing else of the adapter: the violation that points at it
 * breaks the layering without also closing a package cycle.
 */
public record AllowedDiscovery(URI jwksUri) {}
