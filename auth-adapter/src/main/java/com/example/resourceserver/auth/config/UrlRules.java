package com.example.resourceserver.auth.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs the service may fetch discovery documents and key sets from: {@code https} anywhere,
 * plain {@code http} only to a loopback host written literally (127.0.0.0/8, ::1, localhost), or to
 * any host when the deliberately named {@code auth.insecure-allow-http} is set. No other scheme,
 * so a configuration mistake can never make the service read {@code file:} or {@code jar:} URLs.
 */
public final class UrlRules {

    private UrlRules() {}

    /** Why {@code uri} may not be fetched, or empty when it may. */
    public static Optional<String> problem(URI uri, boolean insecureHttpAllowed) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return Optional.of("must be an absolute https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain user information");
        }
        if (scheme.equals("https")) {
            return Optional.empty();
        }
        if (scheme.equals("http")) {
            if (isLoopback(uri.getHost()) || insecureHttpAllowed) {
                return Optional.empty();
            }
            return Optional.of("must use https (plain http is allowed only to loopback hosts, "
                    + "or anywhere with AUTH_INSECURE_ALLOW_HTTP=true)");
        }
        return Optional.of("must use https");
    }

    /** Literal loopback names only: a DNS name that happens to resolve to 127.0.0.1 does not count. */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.equals("localhost") || h.equals("[::1]") || h.equals("::1")) {
            return true;
        }
        String[] octets = h.split("\\.", -1);
        if (octets.length != 4 || !octets[0].equals("127")) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty()
                    || octet.length() > 3
                    || !octet.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }
}
