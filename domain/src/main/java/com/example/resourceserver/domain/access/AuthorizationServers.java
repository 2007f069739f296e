package com.example.resourceserver.domain.access;

import java.util.List;

/**
 * Port: the authorization servers whose access tokens this resource accepts, by issuer identifier,
 * exactly as configured. Implemented by the adapter that verifies tokens (it alone knows whom it
 * trusts); read by the adapter that publishes the RFC 9728 metadata (which alone knows the routes and
 * the service's URL), so that neither adapter needs the other.
 */
public interface AuthorizationServers {

    /** The issuer identifiers, in configuration order, each once. */
    List<String> issuers();
}
