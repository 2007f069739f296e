package com.example.resourceserver.auth.config;

/**
 * Startup stops with this when the token settings are missing or contradictory. The message is one
 * sentence that names the variable to fix. Framework-free on purpose: the glue that resolves the
 * configuration hands it to Micronaut as a configuration error, which the launcher prints instead of a
 * stack trace.
 */
public final class InvalidAuthConfigurationException extends IllegalArgumentException {

    public InvalidAuthConfigurationException(String message) {
        super(message);
    }
}
