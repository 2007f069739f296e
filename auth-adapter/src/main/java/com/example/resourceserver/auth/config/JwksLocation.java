package com.example.resourceserver.auth.config;

import java.net.URI;
import java.util.Objects;
import java.util.function.Supplier;

/** Where an issuer's key set is found. */
public sealed interface JwksLocation {

    /** A JWKS URL given in configuration ({@code AUTH_JWKS_URI}, or derived from {@code AUTH0_DOMAIN}). */
    record Fixed(URI uri) implements JwksLocation {
        public Fixed {
            Objects.requireNonNull(uri, "uri");
        }
    }

    /** Found through the issuer's metadata: OpenID Connect Discovery, then RFC 8414. */
    record Discovered(String issuer) implements JwksLocation {
        public Discovered {
            Objects.requireNonNull(issuer, "issuer");
        }
    }

    /** Known only once the service runs (the development issuer serves its keys on our own port). */
    record Deferred(Supplier<URI> uri) implements JwksLocation {
        public Deferred {
            Objects.requireNonNull(uri, "uri");
        }
    }
}
