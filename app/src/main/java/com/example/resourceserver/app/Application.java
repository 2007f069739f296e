package com.example.resourceserver.app;

import com.example.resourceserver.app.crypto.NativeCrypto;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.runtime.Micronaut;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Starts the service. A configuration mistake ends startup with its one-sentence message, no stack trace. */
public class Application extends Micronaut {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);
    static final int CONFIGURATION_ERROR_EXIT_CODE = 2;

    public static void main(String[] args) {
        exitNormallyOnSigterm();
        NativeCrypto.installInBackground(); // not on the startup thread: loading it would delay the first 200
        new Application().mainClass(Application.class).args(args).start();
    }

    /**
     * SIGTERM is how an orchestrator asks for a stop (docker stop, Kubernetes): a requested stop that went
     * well is a normal end, exit code 0, not the JVM's 143 (128 + 15), which reads as a crash to whatever
     * watches exit codes. {@code System.exit(0)} still runs every shutdown hook, Micronaut's graceful stop
     * of the server and the beans included, and the JVM's own exit work (app/run's startup cache is written
     * then). Other signals keep the JVM's handling (Ctrl-C: 130).
     */
    static void exitNormallyOnSigterm() {
        try {
            Signal.handle(new Signal("TERM"), signal -> System.exit(0));
        } catch (IllegalArgumentException e) {
            // -Xrs, or no SIGTERM on this platform: the JVM's own handling stays
        }
    }

    @Override
    protected void handleStartupException(Environment environment, Throwable exception) {
        String problem = configurationProblem(exception);
        if (problem == null) {
            super.handleStartupException(environment, exception);
            return;
        }
        LOG.error("Startup stopped: {}", problem);
        System.exit(CONFIGURATION_ERROR_EXIT_CODE);
    }

    /**
     * One sentence for a startup failure caused by configuration: our own checks' message, or for a
     * value Micronaut cannot convert (a duration like "abc"), the property, its variable and why.
     * Null when the failure is something else, which then gets Micronaut's full report.
     */
    static String configurationProblem(Throwable exception) {
        ConfigurationException ours = configurationError(exception);
        if (ours != null) {
            return ours.getMessage();
        }
        for (Throwable t = exception; t != null && t != t.getCause(); t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            int at = message.indexOf(UNREADABLE_PROPERTY);
            int end = at < 0 ? -1 : message.indexOf(']', at + UNREADABLE_PROPERTY.length());
            if (end > 0) {
                String property = message.substring(at + UNREADABLE_PROPERTY.length(), end);
                String variable =
                        property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
                int because = message.indexOf("due to: ", end);
                String reason = because < 0
                        ? ""
                        : ": "
                                + message.substring(because + 8)
                                        .lines()
                                        .findFirst()
                                        .orElse("");
                return property + " (" + variable + ") has a value that cannot be read" + reason;
            }
        }
        return null;
    }

    /** How Micronaut names the property in its message when a value cannot be converted. */
    private static final String UNREADABLE_PROPERTY = "Error resolving property value [";

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
