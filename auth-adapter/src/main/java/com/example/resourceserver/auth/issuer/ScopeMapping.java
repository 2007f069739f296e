package com.example.resourceserver.auth.issuer;

import com.example.resourceserver.domain.caller.Scope;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How one issuer's grants become the domain's scopes, so that the scope policy (and
 * {@code @Secured("scope")}) compare scopes only, whatever the provider. Each granted value (from the claims
 * its provider profile names: {@code scope}, {@code scp}, {@code permissions}, Entra {@code roles}, Keycloak
 * client roles) is a scope as it is; a value starting with the configured prefix and {@code /} (Cognito's
 * {@code <resource-server-identifier>/read:messages}) is the scope after it; an aliased value also grants its
 * alias ({@code messages.read} → {@code read:messages}). Values that are not scope tokens grant nothing.
 *
 * <p>A prefix of another resource server is not taken off: {@code other-api/read:messages} never grants
 * {@code read:messages}. Aliases apply after the prefix is taken off.
 */
public final class ScopeMapping {

    /** Every grant is the scope of the same value: today's behaviour, and the generic provider's. */
    public static final ScopeMapping AS_GRANTED = new ScopeMapping(null, Map.of());

    private final String prefix;
    private final Map<String, String> aliases;

    /**
     * @param resourceServer the identifier in front of granted scopes (without or with the trailing
     *                       {@code /}), or null
     * @param aliases        granted value → scope it also grants
     */
    public ScopeMapping(String resourceServer, Map<String, String> aliases) {
        this.prefix = resourceServer == null || resourceServer.endsWith("/") ? resourceServer : resourceServer + "/";
        this.aliases = Map.copyOf(aliases);
    }

    public Set<Scope> scopesOf(Collection<String> grants) {
        Set<Scope> scopes = new HashSet<>();
        for (String grant : grants) {
            String value = prefix != null && grant.startsWith(prefix) ? grant.substring(prefix.length()) : grant;
            add(value, scopes);
            String alias = aliases.get(value);
            if (alias != null) {
                add(alias, scopes);
            }
        }
        return scopes;
    }

    private static void add(String value, Set<Scope> scopes) {
        if (Scope.isValid(value)) {
            scopes.add(new Scope(value));
        }
    }
}
