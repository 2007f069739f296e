package com.example.resourceserver.web.api;

import com.example.resourceserver.web.errors.ErrorBody;
import io.micronaut.http.MediaType;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The failures every protected route can answer, described once for the OpenAPI document. Public so that
 * a controller in any package can carry it (docs/add-a-route.md).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@ApiResponse(
        responseCode = "400",
        description = "Malformed request, e.g. two Authorization headers or two DPoP headers (invalid_request)",
        headers =
                @Header(
                        name = "WWW-Authenticate",
                        description = "Bearer error=\"invalid_request\", error_description=\"...\""),
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(
        responseCode = "401",
        description = "No token (challenge without error), a token that is not valid (invalid_token), or with "
                + "the DPoP scheme a proof that is not valid (invalid_dpop_proof)",
        headers =
                @Header(
                        name = "WWW-Authenticate",
                        description = "Bearer realm=\"api\", resource_metadata=\"...\" without credentials; Bearer "
                                + "error=\"invalid_token\", error_description=\"...\", resource_metadata=\"...\" otherwise; "
                                + "resource_metadata is the URL of the RFC 9728 metadata. Without credentials a second "
                                + "challenge offers DPoP: DPoP realm=\"api\", algs=\"ES256 PS256 RS256\", ...; "
                                + "a DPoP request is answered with DPoP error=\"invalid_dpop_proof\" or "
                                + "error=\"invalid_token\", algs=\"...\", error_description=\"...\", "
                                + "resource_metadata=\"...\""),
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
@ApiResponse(
        responseCode = "503",
        description = "The identity provider's keys or introspection endpoint, or the DPoP replay store, cannot be "
                + "reached right now",
        headers = @Header(name = "Retry-After", description = "Seconds to wait before retrying"),
        content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
public @interface BearerErrorResponses {}
