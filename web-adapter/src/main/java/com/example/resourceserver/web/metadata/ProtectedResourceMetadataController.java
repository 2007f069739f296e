package com.example.resourceserver.web.metadata;

import com.example.resourceserver.domain.access.AcceptedSchemes;
import com.example.resourceserver.domain.access.AuthorizationServers;
import com.example.resourceserver.web.ResourceIdentifier;
import com.example.resourceserver.web.WebSettings;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * RFC 9728 protected-resource metadata: which authorization servers issue tokens for this API, which
 * scopes it knows, how to send a token. Public ({@code IS_ANONYMOUS}: the token reader does not even read
 * an {@code Authorization} header here) and cacheable. Assembled here, in the web adapter, because the
 * resource identifier and the routes are this adapter's; the issuers come through the domain port
 * {@link AuthorizationServers}, which the auth adapter implements.
 *
 * <p>Served at {@code /.well-known/oauth-protected-resource}, and when the configured resource
 * identifier has a path, also at that path inserted after the well-known path (§3.1), which is the URL
 * the 401 challenges name.
 */
@Controller
@Requires(beans = {AuthorizationServers.class, AcceptedSchemes.class})
@Secured(SecurityRule.IS_ANONYMOUS)
public class ProtectedResourceMetadataController {

    static final String CACHE_CONTROL = "public, max-age=300";

    private final ResourceIdentifier resource;
    private final AuthorizationServers authorizationServers;
    private final DeclaredScopes declaredScopes;
    private final WebSettings settings;
    private final AcceptedSchemes acceptedSchemes;

    public ProtectedResourceMetadataController(
            ResourceIdentifier resource,
            AuthorizationServers authorizationServers,
            DeclaredScopes declaredScopes,
            WebSettings settings,
            AcceptedSchemes acceptedSchemes) {
        this.resource = resource;
        this.authorizationServers = authorizationServers;
        this.declaredScopes = declaredScopes;
        this.settings = settings;
        this.acceptedSchemes = acceptedSchemes;
    }

    @Get(uri = ResourceIdentifier.WELL_KNOWN_PATH, produces = MediaType.APPLICATION_JSON)
    @Operation(
            summary = "OAuth 2.0 protected-resource metadata (RFC 9728)",
            description = "Public and cacheable; an Authorization header is ignored. Lists the authorization servers "
                    + "whose access tokens this API accepts and the scopes its routes require.")
    @ApiResponse(
            responseCode = "200",
            description = "The metadata document",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProtectedResourceMetadata.class)))
    public HttpResponse<ProtectedResourceMetadata> metadata(HttpRequest<?> request) {
        ProtectedResourceMetadata document = new ProtectedResourceMetadata(
                resource.of(request),
                authorizationServers.issuers(),
                declaredScopes.scopes().isEmpty() ? null : declaredScopes.scopes(),
                ProtectedResourceMetadata.BEARER_METHODS,
                blankToNull(settings.getResourceName()),
                blankToNull(settings.getResourceDocumentation()),
                acceptedSchemes.dpop() ? acceptedSchemes.dpopAlgorithms() : null,
                acceptedSchemes.dpop() ? !acceptedSchemes.bearer() : null);
        return HttpResponse.ok(document).header(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
    }

    /** §3.1: the metadata of {@code https://host/some/path} is at {@code https://host/.well-known/oauth-protected-resource/some/path}. */
    @Get(uri = ResourceIdentifier.WELL_KNOWN_PATH + "/{+path}", produces = MediaType.APPLICATION_JSON)
    @Hidden
    public HttpResponse<ProtectedResourceMetadata> pathInserted(HttpRequest<?> request, @PathVariable String path) {
        if (resource.path().isEmpty() || !resource.path().equals("/" + path)) {
            return HttpResponse.notFound();
        }
        return metadata(request);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
