package com.example.resourceserver.archfixture.auth.config;

import io.micronaut.context.exceptions.ConfigurationException;

/** Violation: a configuration class that is not a settings type, yet builds on Micronaut. */
public class ConfigExtendingFrameworkException extends ConfigurationException {

    public ConfigExtendingFrameworkException(String message) {
        super(message);
    }
}
