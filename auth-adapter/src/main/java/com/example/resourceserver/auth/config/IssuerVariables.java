package com.example.resourceserver.auth.config;

/**
 * What an issuer entry's settings are called where the operator typed them, so that every sentence
 * about the entry names the variable to fix: {@code AUTH_ISSUER} for the top-level entry,
 * {@code auth.issuers.<name>.issuer} for a listed one.
 */
sealed interface IssuerVariables {

    String issuer();

    String audience();

    String jwksUri();

    /** The entry as a whole, e.g. {@code AUTH_ISSUER} or {@code auth.issuers.partner}. */
    String source();

    /** The sentence when the issuer is missing although {@code setVariable} is set. */
    String missingIssuer(String setVariable);

    /** The sentence when the issuer is set but the audience is missing. */
    String missingAudience();

    /** {@code AUTH_ISSUER}, {@code AUTH_AUDIENCE} and {@code AUTH_JWKS_URI}: the entry named default. */
    record TopLevel() implements IssuerVariables {
        @Override public String issuer() { return "AUTH_ISSUER"; }
        @Override public String audience() { return "AUTH_AUDIENCE"; }
        @Override public String jwksUri() { return "AUTH_JWKS_URI"; }
        @Override public String source() { return "AUTH_ISSUER"; }

        @Override
        public String missingIssuer(String setVariable) {
            return setVariable + " is set but AUTH_ISSUER is missing: set AUTH_ISSUER to the exact iss value "
                    + "of your tokens.";
        }

        @Override
        public String missingAudience() {
            return "AUTH_ISSUER is set but AUTH_AUDIENCE is missing: set AUTH_AUDIENCE to the API identifier "
                    + "your tokens carry in aud.";
        }
    }

    /** {@code auth.issuers.<name>.issuer}, {@code .audience} and {@code .jwks-uri} in application.yml. */
    record Listed(String name) implements IssuerVariables {
        @Override public String issuer() { return source() + ".issuer"; }
        @Override public String audience() { return source() + ".audience"; }
        @Override public String jwksUri() { return source() + ".jwks-uri"; }
        @Override public String source() { return "auth.issuers." + name; }

        @Override
        public String missingIssuer(String setVariable) {
            return issuer() + " is missing: every entry under auth.issuers needs an issuer and an audience.";
        }

        @Override
        public String missingAudience() {
            return audience() + " is missing: every entry under auth.issuers needs an issuer and an audience.";
        }
    }
}
