package com.example.resourceserver.auth.keys;

import com.example.resourceserver.auth.config.UrlRules;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds an issuer's {@code jwks_uri} from its published metadata: OpenID Connect Discovery 1.0 §4
 * first, then RFC 8414 §3 for plain OAuth servers. The document must name exactly the configured
 * issuer (Discovery §4.3), and the advertised key URL must satisfy the same URL rules as configured ones.
 */
final class IssuerMetadataDiscovery {

    private final ResourceRetriever retriever;
    private final boolean insecureHttpAllowed;

    IssuerMetadataDiscovery(ResourceRetriever retriever, boolean insecureHttpAllowed) {
        this.retriever = retriever;
        this.insecureHttpAllowed = insecureHttpAllowed;
    }

    /** The key set URL the issuer advertises; the first metadata location that answers decides. */
    URL jwksUrl(String issuerId) throws IOException, KeySourceException {
        IOException first = null;
        for (String candidate : metadataLocations(issuerId)) {
            try {
                return jwksUriFrom(
                        retriever.retrieveResource(new URL(candidate)).getContent(), issuerId);
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        throw first;
    }

    /** {@code {issuer}/.well-known/openid-configuration}, then the RFC 8414 path-inserted form. */
    static List<String> metadataLocations(String issuerId) {
        URI issuerUri = URI.create(issuerId);
        String trimmed = issuerId.endsWith("/") ? issuerId.substring(0, issuerId.length() - 1) : issuerId;
        String path = issuerUri.getRawPath() == null ? "" : issuerUri.getRawPath();
        path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return List.of(
                trimmed + "/.well-known/openid-configuration",
                issuerUri.getScheme() + "://" + issuerUri.getRawAuthority() + "/.well-known/oauth-authorization-server"
                        + path);
    }

    private URL jwksUriFrom(String metadata, String issuerId) throws IOException, KeySourceException {
        Map<String, Object> json;
        try {
            json = JSONObjectUtils.parse(metadata);
        } catch (ParseException e) {
            throw new IOException("the discovery document is not JSON");
        }
        if (!issuerId.equals(json.get("issuer"))) {
            // OpenID Connect Discovery §4.3: a document for another issuer must not be used.
            throw new KeySourceException("the discovery document names another issuer than " + issuerId);
        }
        if (!(json.get("jwks_uri") instanceof String jwksUri)) {
            throw new KeySourceException("the discovery document has no jwks_uri");
        }
        try {
            URI uri = new URI(jwksUri);
            Optional<String> problem = UrlRules.problem(uri, insecureHttpAllowed);
            if (problem.isPresent()) {
                throw new KeySourceException("the discovered jwks_uri " + problem.get());
            }
            return uri.toURL();
        } catch (URISyntaxException | MalformedURLException | IllegalArgumentException e) {
            throw new KeySourceException("the discovered jwks_uri is not a valid URL");
        }
    }
}
