package com.example.resourceserver.app.recipe;

import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.message.MessageOutcome;
import com.example.resourceserver.web.api.ApiDescription;
import com.example.resourceserver.web.api.BearerErrorResponses;
import com.example.resourceserver.web.api.MessageBody;
import com.example.resourceserver.web.errors.ErrorBody;
import com.example.resourceserver.web.errors.ErrorResponses;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;

/**
 * Step 3 of docs/add-a-route.md, test-only: the route, written exactly as the page says. In a real change
 * it lives in {@code web-adapter} (package {@code web.api}); {@code RecipeTest} proves each step of it.
 */
@Controller(value = "/api", produces = MediaType.APPLICATION_JSON)
public class ArchiveController {

    private final ArchiveMessageUseCase archive;
    private final ErrorResponses errors;

    public ArchiveController(ArchiveMessageUseCase archive, ErrorResponses errors) {
        this.archive = archive;
        this.errors = errors;
    }

    @Get("/messages/archive")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "The archive, for access tokens granted read:archive")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = "read:archive")
    @SecurityRequirement(name = ApiDescription.DPOP, scopes = "read:archive")
    @ApiResponse(
            responseCode = "200",
            description = "The archive",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MessageBody.class)))
    @ApiResponse(
            responseCode = "403",
            description = "Valid token without read:archive (RFC 6750 insufficient_scope)",
            headers =
                    @Header(
                            name = "WWW-Authenticate",
                            description = "Bearer error=\"insufficient_scope\", "
                                    + "scope=\"read:archive\", error_description=\"...\""),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorBody.class)))
    @BearerErrorResponses
    public HttpResponse<?> archive(@Parameter(hidden = true) Caller caller, HttpRequest<?> request) {
        MessageOutcome outcome = archive.getMessage(caller);
        if (outcome instanceof MessageOutcome.MissingScope missing) {
            return errors.insufficientScope(missing.scope(), request);
        }
        return HttpResponse.ok(new MessageBody(((MessageOutcome.Delivered) outcome).message()));
    }
}
