package com.example.resourceserver.auth.issuer;

import com.example.resourceserver.auth.config.DpopMode;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.introspection.IntrospectionAnswer;
import com.example.resourceserver.auth.introspection.IntrospectionClient;
import com.example.resourceserver.auth.introspection.IntrospectionObserver;
import com.example.resourceserver.auth.jws.Jws;
import com.example.resourceserver.auth.keys.IssuerKeys;
import com.example.resourceserver.auth.keys.KeyAccess;
import com.example.resourceserver.auth.keys.KeyLookup;
import com.example.resourceserver.auth.token.profile.ProviderProfile;
import com.example.resourceserver.auth.token.profile.ProviderProfiles;
import com.example.resourceserver.auth.token.rules.ClaimRule;
import com.example.resourceserver.auth.token.rules.TokenClaims;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import com.example.resourceserver.domain.caller.Caller;
import com.nimbusds.jose.jwk.JWK;
import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One trusted issuer at run time, resolved once at startup: it owns everything about itself, its definition
 * ({@link TrustedIssuer}: {@code iss}, audience, provider, DPoP mode), its key set, its provider profile and
 * claim rules, its scope mapping and its introspection client. A request finds its issuer once (by {@code iss},
 * or, for an opaque token, as the issuer that introspects) and asks it everything after that.
 */
public final class Issuer implements Closeable {

    private final TrustedIssuer definition;
    private final IssuerKeys keys;
    private final ProviderProfile profile;
    private final List<ClaimRule> claimRules;
    private final ScopeMapping scopes;
    private final IntrospectionClient introspection;
    private final IntrospectionObserver observer;
    private final Clock clock;
    private final Duration introspectionTimeout;

    /**
     * @param timeRules     the rules every token meets (expiry, not-before, issued-at), before the profile's
     * @param introspection its introspection client, null when it has no endpoint
     */
    Issuer(
            TrustedIssuer definition,
            IssuerKeys keys,
            List<ClaimRule> timeRules,
            IntrospectionClient introspection,
            IntrospectionObserver observer,
            Clock clock,
            Duration introspectionTimeout) {
        this.definition = definition;
        this.keys = keys;
        this.profile = ProviderProfiles.of(definition.provider());
        this.claimRules =
                Stream.concat(timeRules.stream(), profile.claimRules().stream()).toList();
        this.scopes = new ScopeMapping(
                definition.provider().scopePrefix(), definition.provider().scopeAliases());
        this.introspection = introspection;
        this.observer = observer;
        this.clock = clock;
        this.introspectionTimeout = introspectionTimeout;
    }

    public TrustedIssuer definition() {
        return definition;
    }

    public String name() {
        return definition.name();
    }

    public IssuerKeys keys() {
        return keys;
    }

    public DpopMode dpopMode() {
        return definition.dpop();
    }

    /** Its introspection client, when it has an endpoint. */
    public Optional<IntrospectionClient> introspection() {
        return Optional.ofNullable(introspection);
    }

    /** Whether its JWTs, once verified, must also be confirmed active by introspection (revocation checks). */
    public boolean introspectsJwts() {
        return introspection != null && introspection.target().introspectJwts();
    }

    /**
     * The signature and claims of a token whose {@code iss} names this issuer, its header and registered claims
     * already checked: key by {@code kid} (as far as {@code access} allows), signature, the claim rules in
     * order, then the caller. {@link KeyAccess#FETCH_IF_NEEDED} may block: never on an event loop.
     */
    public Verification verify(Jws jws, Map<String, Object> claims, KeyAccess access) {
        KeyLookup lookup = keys.lookup(jws.header().parsed(), access);
        if (lookup instanceof KeyLookup.NotCached) {
            return Verification.KEYS_NOT_CACHED;
        }
        if (lookup instanceof KeyLookup.Unavailable unavailable) {
            return new Verification.Rejected(AuthenticationFailure.keysUnavailable(unavailable.retryAfter()));
        }
        if (!(lookup instanceof KeyLookup.Found found)) {
            return Verification.rejected(Reason.UNKNOWN_KEY);
        }
        JWK key = jws.verifiedBy(found.keys());
        if (key == null) {
            return Verification.rejected(Reason.BAD_SIGNATURE);
        }
        TokenClaims token = new TokenClaims(claims, definition, clock.instant());
        for (ClaimRule rule : claimRules) {
            Optional<Reason> refused = rule.check(token);
            if (refused.isPresent()) {
                return Verification.rejected(refused.get());
            }
        }
        return new Verification.Verified(new VerifiedToken(callerOf(token), this, key, token.time("exp"), claims));
    }

    /**
     * Asks its introspection endpoint about the token (only when it has one) and says what the answer means:
     * the same caller mapping as for JWTs. Blocks for at most the introspection timeout (plus a key fetch for a
     * signed answer): never on an event loop.
     */
    public Verification introspect(String token) {
        long started = System.nanoTime();
        IntrospectionAnswer answer = introspection.introspect(token);
        observer.called(name(), answer.outcome(), Duration.ofNanos(System.nanoTime() - started));
        return verdictOn(answer);
    }

    private Verification verdictOn(IntrospectionAnswer answer) {
        if (answer instanceof IntrospectionAnswer.Active active) {
            TokenClaims token = new TokenClaims(active.claims(), definition, clock.instant());
            Instant expiresAt = active.expiresAt().orElse(Instant.MAX);
            return new Verification.Verified(
                    new VerifiedToken(callerOf(token), this, null, expiresAt, active.claims()));
        }
        if (answer instanceof IntrospectionAnswer.Refused refused) {
            return Verification.rejected(refused.reason());
        }
        return introspectionUnavailable();
    }

    /** How long a request waits for its introspection endpoint. */
    public long introspectionTimeoutMillis() {
        return introspectionTimeout.toMillis();
    }

    /** The verdict when its endpoint did not answer in time or usably: 503 with {@code Retry-After}. */
    public Verification introspectionUnavailable() {
        return new Verification.Rejected(AuthenticationFailure.introspectionUnavailable(introspectionTimeout));
    }

    /** Subject and grants as the profile reads them, the grants turned into the domain's scopes. */
    private Caller callerOf(TokenClaims token) {
        return new Caller(profile.subjectOf(token), scopes.scopesOf(profile.grantsOf(token)));
    }

    @Override
    public void close() throws IOException {
        keys.close();
    }
}
