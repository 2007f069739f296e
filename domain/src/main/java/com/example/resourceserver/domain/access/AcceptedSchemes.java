package com.example.resourceserver.domain.access;

import java.util.List;

/**
 * Port: how this resource accepts access tokens (RFC 6750 {@code Bearer}, RFC 9449 {@code DPoP}, or both).
 * Implemented by the adapter that verifies tokens (it alone knows each issuer's setting); read by the adapter
 * that renders challenges and publishes the RFC 9728 metadata, so that a client is offered exactly the
 * schemes that can work.
 */
public interface AcceptedSchemes {

    /** Whether some trusted issuer's tokens are accepted as plain bearer tokens. */
    boolean bearer();

    /** Whether some trusted issuer's tokens are accepted with the DPoP scheme. */
    boolean dpop();

    /** The algorithms a DPoP proof may be signed with, in the order configured (the challenge's {@code algs}). */
    List<String> dpopAlgorithms();
}
