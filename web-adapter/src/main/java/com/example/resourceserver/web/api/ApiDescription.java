package com.example.resourceserver.web.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeIn;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * The OpenAPI document's header: generated at compile time by micronaut-openapi from this class and
 * the controller's annotations, and served by the app under {@code /openapi/}. Public so that a
 * controller in any package names the same security scheme (docs/add-a-route.md).
 */
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Messages API",
                        version = "0.1.0",
                        description =
                                "The Auth0 quickstarts' API: one public route, one for any valid access token, one for "
                                        + "tokens granted read:messages. Errors follow RFC 6750."))
@SecurityScheme(
        name = ApiDescription.BEARER,
        type = SecuritySchemeType.HTTP,
        scheme = "bearer",
        bearerFormat = "JWT",
        in = SecuritySchemeIn.HEADER,
        description = "An access token (JWT) from the configured identity provider, or an opaque one when RFC 7662 "
                + "introspection is configured. Scopes come from the token's scope, scp and permissions claims. "
                + "Which identity providers and scopes: GET /.well-known/oauth-protected-resource (RFC 9728).")
@SecurityScheme(
        name = ApiDescription.DPOP,
        type = SecuritySchemeType.HTTP,
        scheme = "DPoP",
        in = SecuritySchemeIn.HEADER,
        description =
                "A DPoP-bound access token (RFC 9449): Authorization: DPoP <token>, with a fresh proof in one DPoP "
                        + "header on every request, signed by the key the token is bound to (cnf.jkt). Proof algorithms: "
                        + "dpop_signing_alg_values_supported in the RFC 9728 metadata. Some deployments require it "
                        + "(dpop_bound_access_tokens_required).")
public final class ApiDescription {

    public static final String BEARER = "bearer";
    public static final String DPOP = "dpop";

    private ApiDescription() {}
}
