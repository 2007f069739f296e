package com.example.resourceserver.auth.pipeline;

import com.example.resourceserver.auth.config.VerificationPolicy;
import com.example.resourceserver.auth.introspection.IntrospectionObserver;
import com.example.resourceserver.auth.issuer.Issuer;
import com.example.resourceserver.auth.issuer.Issuers;
import com.example.resourceserver.auth.issuer.Verification;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.jws.Jws;
import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.jws.Sha256;
import com.example.resourceserver.auth.keys.KeyAccess;
import com.example.resourceserver.auth.pipeline.VerdictCache.Verdict;
import com.example.resourceserver.auth.token.rules.HeaderRule;
import com.example.resourceserver.auth.token.rules.RegisteredClaims;
import com.example.resourceserver.auth.token.rules.TokenRules;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Finds who vouches for a token, and what they say: a verdict cache first; else, for a compact JWS, its shape
 * and header, its registered claims, then the issuer its {@code iss} names (one lookup), which checks key,
 * signature and claims; for anything else (an opaque token), the issuer that introspects. Keys already in memory
 * make verification pure CPU work, done inline; when keys must be fetched it runs on the blocking executor,
 * reusing the token read once, and a request waits at most the fetch timeout before keys fetched earlier (the
 * stale period) or a 503 answer it. Introspection likewise waits at most its timeout; one call is shared by
 * every request that waits for the same token.
 */
final class TokenVouching<P> {

    private final Issuers issuers;
    private final JwsReader reader;
    private final List<HeaderRule> headerRules;
    private final int maxTokenLength;
    private final VerdictCache<P> tokens; // null when the verified-token cache is off
    private final VerdictCache<P> introspected;
    private final Function<VerifiedToken, P> principals;
    private final Executor blocking;
    private final Duration keyWait;
    private final int maxOpaqueLength;
    private final IntrospectionObserver observer;

    TokenVouching(
            Issuers issuers,
            JwsReader reader,
            VerificationPolicy policy,
            Optional<VerdictCache<P>> tokens,
            VerdictCache<P> introspected,
            Function<VerifiedToken, P> principals,
            Executor blocking,
            Duration keyWait,
            int maxOpaqueLength,
            IntrospectionObserver observer) {
        this.issuers = issuers;
        this.reader = reader;
        this.headerRules = TokenRules.headerRules(policy);
        this.maxTokenLength = policy.maxTokenLength();
        this.tokens = tokens.orElse(null);
        this.introspected = introspected;
        this.principals = principals;
        this.blocking = blocking;
        this.keyWait = keyWait;
        this.maxOpaqueLength = maxOpaqueLength;
        this.observer = observer;
    }

    CompletableFuture<Verdict<P>> vouch(String token) {
        return isCompactJws(token) ? jwt(token) : opaque(token);
    }

    private CompletableFuture<Verdict<P>> jwt(String token) {
        if (tokens != null
                && tokens.find(token) instanceof Verdict.Accepted<P> known
                // a remembered verdict stands only while its issuer's keys could still verify it unfetched
                && known.token().issuer().keys().hasUsableKeys()) {
            return CompletableFuture.completedFuture(known);
        }
        Jws jws;
        Map<String, Object> claims;
        Issuer issuer;
        try {
            jws = reader.read(token, maxTokenLength);
            String alg = jws.header().algorithmName();
            if (jws.unsigned() || jws.header().parsed() == null) {
                // So the operator sees what was attempted: an unsigned token is a disallowed algorithm.
                return refused("none".equals(alg) ? Reason.DISALLOWED_ALGORITHM : Reason.MALFORMED);
            }
            for (HeaderRule rule : headerRules) {
                Optional<Reason> problem = rule.check(jws.header().parsed());
                if (problem.isPresent()) {
                    return refused(problem.get());
                }
            }
            claims = jws.payload();
        } catch (JwsReader.Refused e) {
            return refused(Reason.MALFORMED);
        }
        if (!RegisteredClaims.wellFormed(claims)) {
            return refused(Reason.INVALID_CLAIM);
        }
        if (!(claims.get("iss") instanceof String iss)) {
            return refused(Reason.MISSING_CLAIM);
        }
        issuer = issuers.byIss(iss); // exact, character for character
        if (issuer == null) {
            return refused(Reason.UNTRUSTED_ISSUER);
        }
        Verification inline = issuer.verify(jws, claims, KeyAccess.CACHED_ONLY);
        CompletableFuture<Verification> verification = !(inline instanceof Verification.KeysNotCached)
                ? CompletableFuture.completedFuture(inline)
                : CompletableFuture.supplyAsync(() -> issuer.verify(jws, claims, KeyAccess.FETCH_IF_NEEDED), blocking)
                        .completeOnTimeout(null, keyWait.toMillis(), TimeUnit.MILLISECONDS)
                        .thenApply(fetched ->
                                fetched != null ? fetched : issuer.verify(jws, claims, KeyAccess.CACHED_OR_STALE));
        return verification.thenCompose(verdict -> confirmed(token, issuer, verdict));
    }

    /** A verified JWT is remembered; for an issuer that introspects JWTs it must be confirmed active too. */
    private CompletableFuture<Verdict<P>> confirmed(String token, Issuer issuer, Verification verification) {
        if (verification instanceof Verification.Verified verified && issuer.introspectsJwts()) {
            // Revocation matters for this issuer: never from the verified-token cache, always asked (or its cache).
            return introspect(token, issuer)
                    .thenApply(answer -> answer instanceof Verdict.Accepted<P>
                            ? RequestAuthenticator.verdictOf(verified, principals, 0)
                            : answer);
        }
        Verdict<P> verdict =
                RequestAuthenticator.verdictOf(verification, principals, VerdictCache.estimateBytes(token));
        if (tokens != null && verdict instanceof Verdict.Accepted<P>) {
            tokens.remember(token, verdict);
        }
        return CompletableFuture.completedFuture(verdict);
    }

    private CompletableFuture<Verdict<P>> opaque(String token) {
        Issuer issuer = issuers.opaqueIntrospector();
        if (issuer == null || token.length() > maxOpaqueLength || !isB64Token(token)) {
            return refused(Reason.MALFORMED); // not sent anywhere
        }
        return introspect(token, issuer);
    }

    /** The remembered answer, or the call (shared with every request waiting for it), waited for at most the timeout. */
    private CompletableFuture<Verdict<P>> introspect(String token, Issuer issuer) {
        Verdict<P> unavailable = RequestAuthenticator.verdictOf(issuer.introspectionUnavailable(), principals, 0);
        return introspected
                .computeOnce(
                        // "#": the key can never be a JWT's text, should both ever share a cache
                        "#" + Sha256.base64Url(token),
                        () -> RequestAuthenticator.verdictOf(issuer.introspect(token), principals, 1024),
                        blocking,
                        observer::looked)
                .completeOnTimeout(unavailable, issuer.introspectionTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    private static <P> CompletableFuture<Verdict<P>> refused(Reason reason) {
        return CompletableFuture.completedFuture(new Verdict.Refused<>(AuthenticationFailure.of(reason)));
    }

    /** Two dots: a compact JWS (verified locally, or refused as malformed). A JWE has four and is opaque to us. */
    static boolean isCompactJws(String token) {
        int dots = 0;
        for (int i = 0; i < token.length() && dots < 3; i++) {
            if (token.charAt(i) == '.') {
                dots++;
            }
        }
        return dots == 2;
    }

    /** RFC 6750 §2.1: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    static boolean isB64Token(String token) {
        int end = token.length();
        while (end > 0 && token.charAt(end - 1) == '=') {
            end--;
        }
        return end > 0 && token.substring(0, end).chars().allMatch(c -> B64TOKEN_CHARACTERS.indexOf(c) >= 0);
    }

    private static final String B64TOKEN_CHARACTERS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";
}
