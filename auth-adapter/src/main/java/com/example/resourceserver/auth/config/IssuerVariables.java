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

    String provider();

    String allowedClientIds();

    String scopePrefix();

    String keycloakClientRoles();

    String scopeAliases();

    /** The entry as a whole, e.g. {@code AUTH_ISSUER} or {@code auth.issuers.partner}. */
    String source();

    /** The sentence when the issuer is missing although {@code setVariable} is set. */
    String missingIssuer(String setVariable);

    /** The sentence when the issuer is set but the audience is missing. */
    String missingAudience();

    /** {@code AUTH_ISSUER}, {@code AUTH_AUDIENCE} and {@code AUTH_JWKS_URI}: the entry named default. */
    record TopLevel() implements IssuerVariables {
        @Override
        public String issuer() {
            return "AUTH_ISSUER";
        }

        @Override
        public String audience() {
            return "AUTH_AUDIENCE";
        }

        @Override
        public String jwksUri() {
            return "AUTH_JWKS_URI";
        }

        @Override
        public String provider() {
            return "AUTH_PROVIDER";
        }

        @Override
        public String allowedClientIds() {
            return "AUTH_ALLOWED_CLIENT_IDS";
        }

        @Override
        public String scopePrefix() {
            return "AUTH_SCOPE_PREFIX";
        }

        @Override
        public String keycloakClientRoles() {
            return "AUTH_KEYCLOAK_CLIENT_ROLES";
        }

        @Override
        public String scopeAliases() {
            return "AUTH_SCOPE_ALIASES";
        }

        @Override
        public String source() {
            return "AUTH_ISSUER";
        }

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
        @Override
        public String issuer() {
            return source() + ".issuer";
        }

        @Override
        public String audience() {
            return source() + ".audience";
        }

        @Override
        public String jwksUri() {
            return source() + ".jwks-uri";
        }

        @Override
        public String provider() {
            return source() + ".provider";
        }

        @Override
        public String allowedClientIds() {
            return source() + ".allowed-client-ids";
        }

        @Override
        public String scopePrefix() {
            return source() + ".scope-prefix";
        }

        @Override
        public String keycloakClientRoles() {
            return source() + ".keycloak-client-roles";
        }

        @Override
        public String scopeAliases() {
            return source() + ".scope-aliases";
        }

        @Override
        public String source() {
            return "auth.issuers." + name;
        }

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
