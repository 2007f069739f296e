package com.example.resourceserver.web.metadata;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The RFC 9728 §2 document. Optional members that are not known are left out, never sent as null.
 * The DPoP members come from {@link com.example.resourceserver.domain.access.AcceptedSchemes}, which the
 * auth adapter implements as it does {@link com.example.resourceserver.domain.access.AuthorizationServers}:
 * the proof algorithms when some issuer's tokens may be sent with DPoP, and whether every issuer's must be.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProtectedResourceMetadata(
        String resource,
        @JsonProperty("authorization_servers") List<String> authorizationServers,
        @JsonProperty("scopes_supported") @Nullable List<String> scopesSupported,
        @JsonProperty("bearer_methods_supported") List<String> bearerMethodsSupported,
        @JsonProperty("resource_name") @Nullable String resourceName,
        @JsonProperty("resource_documentation") @Nullable String resourceDocumentation,

        @JsonProperty("dpop_signing_alg_values_supported") @Nullable
        List<String> dpopSigningAlgValuesSupported,

        @JsonProperty("dpop_bound_access_tokens_required") @Nullable
        Boolean dpopBoundAccessTokensRequired) {

    /** RFC 6750 §2.1 only: the form body and the query parameter are not accepted. */
    static final List<String> BEARER_METHODS = List.of("header");
}
