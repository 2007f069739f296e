package com.example.resourceserver.web.api;

import com.example.resourceserver.domain.caller.Caller;
import com.example.resourceserver.domain.message.MessageOutcome;
import com.example.resourceserver.domain.message.PrivateMessageUseCase;
import com.example.resourceserver.domain.message.PrivateScopedMessageUseCase;
import com.example.resourceserver.domain.message.PublicMessageUseCase;
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
 * The three routes of the Auth0 quickstarts. Each route states who may call it with {@code @Secured};
 * a route without it is refused to everyone, so a new route is closed until someone opens it. A route
 * that needs the caller takes the domain {@link Caller} as an argument ({@link CallerArgumentBinder};
 * hidden from the OpenAPI document, it is no request parameter). Scope decisions are the domain's:
 * this class only translates outcomes into HTTP.
 */
@Controller(value = "/api", produces = MediaType.APPLICATION_JSON)
public class MessageController {

    private final PublicMessageUseCase publicMessage;
    private final PrivateMessageUseCase privateMessage;
    private final PrivateScopedMessageUseCase privateScopedMessage;
    private final ErrorResponses errors;

    public MessageController(
            PublicMessageUseCase publicMessage,
            PrivateMessageUseCase privateMessage,
            PrivateScopedMessageUseCase privateScopedMessage,
            ErrorResponses errors) {
        this.publicMessage = publicMessage;
        this.privateMessage = privateMessage;
        this.privateScopedMessage = privateScopedMessage;
        this.errors = errors;
    }

    @Get("/public")
    @Secured(SecurityRule.IS_ANONYMOUS)
    @Operation(summary = "A message for anyone", description = "No authentication; an Authorization header is ignored.")
    @ApiResponse(
            responseCode = "200",
            description = "The public message",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MessageBody.class)))
    public MessageBody publicMessage() {
        return new MessageBody(publicMessage.getMessage().message());
    }

    @Get("/private")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "A message for any valid access token")
    @SecurityRequirement(name = ApiDescription.BEARER)
    @SecurityRequirement(name = ApiDescription.DPOP)
    @ApiResponse(
            responseCode = "200",
            description = "The private message",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MessageBody.class)))
    @BearerErrorResponses
    public HttpResponse<?> privateMessage(@Parameter(hidden = true) Caller caller, HttpRequest<?> request) {
        return render(privateMessage.getMessage(caller), request);
    }

    @Get("/private-scoped")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Operation(summary = "A message for access tokens granted read:messages")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = "read:messages")
    @SecurityRequirement(name = ApiDescription.DPOP, scopes = "read:messages")
    @ApiResponse(
            responseCode = "200",
            description = "The scoped message",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = MessageBody.class)))
    @ApiResponse(
            responseCode = "403",
            description = "Valid token without read:messages (RFC 6750 insufficient_scope)",
            headers =
                    @Header(
                            name = "WWW-Authenticate",
                            description = "Bearer error=\"insufficient_scope\", "
                                    + "scope=\"read:messages\", error_description=\"...\""),
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ErrorBody.class)))
    @BearerErrorResponses
    public HttpResponse<?> privateScopedMessage(@Parameter(hidden = true) Caller caller, HttpRequest<?> request) {
        return render(privateScopedMessage.getMessage(caller), request);
    }

    private HttpResponse<?> render(MessageOutcome outcome, HttpRequest<?> request) {
        if (outcome instanceof MessageOutcome.MissingScope missing) {
            return errors.insufficientScope(missing.scope(), request);
        }
        return HttpResponse.ok(new MessageBody(((MessageOutcome.Delivered) outcome).message()));
    }
}
