package com.example.resourceserver.auth.config;

import io.micronaut.context.exceptions.ConfigurationException;

/**
 * Startup stops with this when the token settings are missing or contradictory. The message is one
 * sentence that names the variable to fix; the launcher prints it instead of a stack trace.
 */
public final class InvalidAuthConfigurationException extends ConfigurationException {

    public InvalidAuthConfigurationException(String message) {
        super(message);
    }
}
