package com.example.resourceserver.web.errors;

import com.example.resourceserver.domain.access.AcceptedSchemes;
import com.example.resourceserver.domain.caller.CredentialScheme;
import com.example.resourceserver.domain.caller.Scope;
import com.example.resourceserver.web.ResourceIdentifier;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code WWW-Authenticate} values: RFC 6750 §3 for {@code Bearer}, RFC 9449 §7.1 for {@code DPoP}
 * (which adds {@code algs}, the algorithms a proof may use), and RFC 9728 §5.1's {@code resource_metadata}
 * on every 401. A refusal is answered in the scheme the request used; a request without credentials is
 * offered every scheme some issuer accepts, one challenge each.
 */
final class Challenges {

    private final String realm;
    private final boolean offerBearer;
    private final boolean offerDpop;
    private final String dpopAlgorithms;
    private final ResourceIdentifier resource;

    Challenges(String realm, @Nullable AcceptedSchemes schemes, ResourceIdentifier resource) {
        this.realm = quotable(realm);
        this.offerBearer = schemes == null || schemes.bearer() || !schemes.dpop();
        this.offerDpop = schemes != null && schemes.dpop();
        this.dpopAlgorithms = schemes == null ? "" : quotable(String.join(" ", schemes.dpopAlgorithms()));
        this.resource = resource;
    }

    /** Whether plain bearer tokens are offered (otherwise only DPoP, as when every issuer requires it). */
    boolean offersBearer() {
        return offerBearer;
    }

    /** No credentials: the bare challenge of each scheme offered, without an error code (RFC 6750 §3.1). */
    List<String> missingCredentials(HttpRequest<?> request) {
        String metadata = resourceMetadata(request);
        List<String> challenges = new ArrayList<>(2);
        if (offerBearer) {
            challenges.add("Bearer realm=\"" + realm + "\"" + metadata);
        }
        if (offerDpop) {
            challenges.add("DPoP realm=\"" + realm + "\", algs=\"" + dpopAlgorithms + "\"" + metadata);
        }
        return challenges;
    }

    /**
     * One error challenge in the scheme the request used.
     *
     * @param scope       the missing scope, for {@code insufficient_scope}
     * @param description already {@link #quotable}
     * @param unauthorized whether the answer is a 401, which names the resource metadata
     */
    String error(
            HttpRequest<?> request, String error, @Nullable Scope scope, String description, boolean unauthorized) {
        CredentialScheme scheme = schemeOf(request);
        StringBuilder header = new StringBuilder(scheme.challengeName())
                .append(" error=\"")
                .append(error)
                .append('"');
        if (scheme == CredentialScheme.DPOP) {
            header.append(", algs=\"").append(dpopAlgorithms).append('"');
        }
        if (scope != null) {
            header.append(", scope=\"").append(scope.value()).append('"'); // a Scope never holds " or \
        }
        header.append(", error_description=\"").append(description).append('"');
        if (unauthorized) {
            header.append(resourceMetadata(request));
        }
        return header.toString();
    }

    /** The scheme the token reader recorded; {@code Bearer} when it recorded none. */
    private static CredentialScheme schemeOf(HttpRequest<?> request) {
        Object scheme = request.getAttribute(CredentialScheme.REQUEST_ATTRIBUTE).orElse(null);
        return scheme instanceof CredentialScheme recorded ? recorded : CredentialScheme.BEARER;
    }

    /** RFC 9728 §5.1, for 401 challenges: {@code , resource_metadata="<metadata URL>"}. */
    private String resourceMetadata(HttpRequest<?> request) {
        return ", resource_metadata=\"" + quotable(resource.metadataUrl(request)) + "\"";
    }

    /**
     * RFC 6750 §3: error_description and realm values use printable ASCII without {@code "} and {@code \}.
     * Our texts already do; this keeps a configured realm or a future description from breaking the header.
     */
    static String quotable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? c : '?');
        }
        return out.toString();
    }
}
