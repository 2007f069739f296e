package com.example.resourceserver.app;

import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the service. A configuration mistake ends startup with its one-sentence message, no stack trace. */
public class Application extends Micronaut {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    static final int CONFIGURATION_ERROR_EXIT_CODE = 2;

    public static void main(String[] args) {
        new Application().mainClass(Application.class).args(args).start();
    }

    @Override
    protected void handleStartupException(Environment environment, Throwable exception) {
        ConfigurationException configurationError = configurationError(exception);
        if (configurationError == null) {
            super.handleStartupException(environment, exception);
            return;
        }
        LOG.error("Startup stopped: {}", configurationError.getMessage());
        System.exit(CONFIGURATION_ERROR_EXIT_CODE);
    }

    /** The configuration error at the root of a startup failure, if that is what it is. */
    static ConfigurationException configurationError(Throwable exception) {
        ConfigurationException found = null;
        for (Throwable t = exception; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof ConfigurationException configurationException) {
                found = configurationException;
            }
        }
        return found;
    }
}
