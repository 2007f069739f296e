package com.example.resourceserver.archfixture.auth.pipeline.results;

/**
 * Part of the pipeline that uses nothing else of the adapter: the violation that points at it breaks the
 * layering without also closing a package cycle.
 */
public record AllowedResult(boolean authenticated) {}
