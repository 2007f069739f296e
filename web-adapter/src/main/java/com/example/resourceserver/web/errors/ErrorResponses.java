package com.example.resourceserver.web.errors;

import com.example.resourceserver.domain.access.AcceptedSchemes;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.Scope;
import com.example.resourceserver.web.ResourceIdentifier;
import com.example.resourceserver.web.WebSettings;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

/**
 * The one place where failures become HTTP answers: status, RFC 6750 {@code WWW-Authenticate}
 * challenge and JSON body. Every path that refuses a request (the security filter's rejection, the
 * scoped route, framework errors such as 404 and 405) comes through here.
 *
 * <table>
 *   <caption>What each failure looks like</caption>
 *   <tr><th>failure</th><th>status</th><th>WWW-Authenticate</th></tr>
 *   <tr><td>no credentials</td><td>401</td><td>{@code Bearer realm="...", resource_metadata="..."} (no error, RFC 6750 §3.1)</td></tr>
 *   <tr><td>malformed request</td><td>400</td><td>{@code Bearer error="invalid_request", error_description="..."}</td></tr>
 *   <tr><td>bad token</td><td>401</td><td>{@code Bearer error="invalid_token", error_description="...", resource_metadata="..."}</td></tr>
 *   <tr><td>missing scope</td><td>403</td><td>{@code Bearer error="insufficient_scope", scope="...", error_description="..."}</td></tr>
 *   <tr><td>bad DPoP proof</td><td>401</td><td>{@code DPoP error="invalid_dpop_proof", algs="...", error_description="...", resource_metadata="..."}</td></tr>
 *   <tr><td>keys, introspection or replay store unavailable</td><td>503</td><td>none; {@code Retry-After} instead</td></tr>
 * </table>
 *
 * <p>Challenges are in the scheme the request used ({@code DPoP} requests get {@code DPoP} challenges,
 * RFC 9449 §7.1); a request without credentials is offered each scheme accepted (see {@link Challenges}).
 *
 * <p>Every 401 names where this resource's RFC 9728 metadata is ({@code resource_metadata}, RFC 9728 §5.1),
 * so that a client can find which authorization servers to ask; it depends on the request when the
 * service's external URL is not configured (see {@link ResourceIdentifier}).
 */
@Singleton
public class ErrorResponses {

    /**
     * Set on every {@code insufficient_scope} response, so that the access log reports what was
     * answered instead of guessing from the status (a CORS refusal is a 403 too).
     */
    public static final String INSUFFICIENT_SCOPE_ATTRIBUTE = "resourceserver.insufficient-scope";

    static final String MISSING_CREDENTIALS_DESCRIPTION =
            "Authentication is required: send an access token as Authorization: Bearer <token>";
    static final String DPOP_ONLY_MISSING_CREDENTIALS_DESCRIPTION = "Authentication is required: send a DPoP-bound "
            + "access token as Authorization: DPoP <token>, with a DPoP proof header";
    static final String FORBIDDEN_DESCRIPTION = "The access token does not grant access to this resource";

    private final Challenges challenges;

    public ErrorResponses(
            WebSettings settings, ResourceIdentifier resource, @Nullable AcceptedSchemes acceptedSchemes) {
        this.challenges = new Challenges(settings.getBearerRealm(), acceptedSchemes, resource);
    }

    /** No credentials, or credentials of another scheme: the bare challenges, no error code. */
    public MutableHttpResponse<ErrorBody> missingCredentials(HttpRequest<?> request) {
        MutableHttpResponse<ErrorBody> response = HttpResponse.<ErrorBody>status(HttpStatus.UNAUTHORIZED);
        for (String challenge : challenges.missingCredentials(request)) {
            response.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ErrorBody(
                        "unauthorized",
                        challenges.offersBearer()
                                ? MISSING_CREDENTIALS_DESCRIPTION
                                : DPOP_ONLY_MISSING_CREDENTIALS_DESCRIPTION));
    }

    /** Credentials were sent and did not work. */
    public MutableHttpResponse<ErrorBody> authenticationFailed(AuthenticationFailure failure, HttpRequest<?> request) {
        String description = Challenges.quotable(failure.description());
        return switch (failure.kind()) {
            case INVALID_REQUEST -> challenge(request, HttpStatus.BAD_REQUEST, "invalid_request", null, description);
            case INVALID_TOKEN -> challenge(request, HttpStatus.UNAUTHORIZED, "invalid_token", null, description);
            case INVALID_DPOP_PROOF ->
                challenge(request, HttpStatus.UNAUTHORIZED, "invalid_dpop_proof", null, description);
            case KEYS_UNAVAILABLE ->
                HttpResponse.<ErrorBody>status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header(
                                HttpHeaders.RETRY_AFTER,
                                Long.toString(Math.max(1, failure.retryAfter().toSeconds())))
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .body(new ErrorBody("temporarily_unavailable", description));
        };
    }

    /** A valid token without the scope the use case needs (RFC 6750 §3.1 {@code insufficient_scope}). */
    public MutableHttpResponse<ErrorBody> insufficientScope(Scope missing, HttpRequest<?> request) {
        return scopeRefused(request, missing, "The access token lacks the scope " + missing.value());
    }

    /** Authenticated, but refused by a security rule that names no scope. */
    public MutableHttpResponse<ErrorBody> forbidden(HttpRequest<?> request) {
        return scopeRefused(request, null, FORBIDDEN_DESCRIPTION);
    }

    /** The body for any other error status, with nothing from the framework's own message in it. */
    public ErrorBody bodyFor(int status) {
        return switch (status) {
            case 400 -> new ErrorBody("invalid_request", "The request is malformed");
            case 403 -> new ErrorBody("forbidden", "This request is not allowed");
            case 404 -> new ErrorBody("not_found", "No resource at this path");
            case 405 -> new ErrorBody("method_not_allowed", "This method is not allowed on this resource");
            case 406 ->
                new ErrorBody("not_acceptable", "No acceptable representation: this API answers application/json");
            case 413 -> new ErrorBody("request_too_large", "The request is too large");
            case 415 -> new ErrorBody("unsupported_media_type", "The request body has an unsupported media type");
            case 431 -> new ErrorBody("request_too_large", "The request headers are too large");
            case 503 ->
                new ErrorBody("temporarily_unavailable", "The service is temporarily unavailable, try again later");
            default ->
                status >= 500
                        ? new ErrorBody("server_error", "The server could not complete the request")
                        : new ErrorBody("invalid_request", "The request cannot be served");
        };
    }

    private MutableHttpResponse<ErrorBody> scopeRefused(
            HttpRequest<?> request, @Nullable Scope scope, String description) {
        return challenge(request, HttpStatus.FORBIDDEN, "insufficient_scope", scope, description)
                .attribute(INSUFFICIENT_SCOPE_ATTRIBUTE, Boolean.TRUE);
    }

    private MutableHttpResponse<ErrorBody> challenge(
            HttpRequest<?> request, HttpStatus status, String error, @Nullable Scope scope, String description) {
        String header = challenges.error(request, error, scope, description, status == HttpStatus.UNAUTHORIZED);
        return HttpResponse.<ErrorBody>status(status)
                .header(HttpHeaders.WWW_AUTHENTICATE, header)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(new ErrorBody(error, description));
    }
}
