package com.example.resourceserver.auth.token.introspection;

import com.example.resourceserver.auth.config.IntrospectionTarget;
import com.example.resourceserver.auth.config.UrlRules;
import com.nimbusds.jose.util.JSONObjectUtils;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The introspection endpoint: configured, or {@code introspection_endpoint} from the issuer's metadata
 * (OpenID Connect Discovery, then RFC 8414), which must name exactly this issuer. Found once, on first
 * use; until found, every attempt asks again (bounded like any introspection call).
 */
final class EndpointDiscovery {

    private final IntrospectionTarget target;
    private final BoundedHttp http;
    private final boolean insecureHttpAllowed;
    private volatile URI found;

    EndpointDiscovery(IntrospectionTarget target, BoundedHttp http, boolean insecureHttpAllowed) {
        this.target = target;
        this.http = http;
        this.insecureHttpAllowed = insecureHttpAllowed;
        this.found = target.endpoint().orElse(null);
    }

    URI endpoint() throws BoundedHttp.Failure {
        URI endpoint = found;
        if (endpoint != null) {
            return endpoint;
        }
        for (URI location : locations(target.issuer().issuer())) {
            BoundedHttp.Answer answer = http.get(location);
            if (answer.status() != 200) {
                continue;
            }
            try {
                Map<String, Object> metadata = JSONObjectUtils.parse(answer.body());
                if (target.issuer().issuer().equals(metadata.get("issuer"))
                        && metadata.get("introspection_endpoint") instanceof String text) {
                    URI uri = URI.create(text);
                    if (UrlRules.problem(uri, insecureHttpAllowed).isEmpty()) { // no client secret over plain http
                        found = uri;
                        return uri;
                    }
                }
            } catch (java.text.ParseException | IllegalArgumentException e) {
                // not usable metadata: try the next location
            }
        }
        throw new BoundedHttp.Failure("discovery_failed");
    }

    static List<URI> locations(String issuer) {
        URI issuerUri = URI.create(issuer);
        String trimmed = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        String path = issuerUri.getRawPath() == null ? "" : issuerUri.getRawPath();
        path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return List.of(
                URI.create(trimmed + "/.well-known/openid-configuration"),
                URI.create(issuerUri.getScheme() + "://" + issuerUri.getRawAuthority()
                        + "/.well-known/oauth-authorization-server" + path));
    }
}
