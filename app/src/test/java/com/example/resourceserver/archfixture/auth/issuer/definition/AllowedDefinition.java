package com.example.resourceserver.archfixture.auth.issuer.definition;

/** Part of the issuer layer that uses nothing else of the adapter (see {@code AllowedResult}). */
public record AllowedDefinition(String iss) {}
