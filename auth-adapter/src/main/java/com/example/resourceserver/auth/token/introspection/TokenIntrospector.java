package com.example.resourceserver.auth.token.introspection;

import com.example.resourceserver.auth.config.IntrospectionSettings;
import com.example.resourceserver.auth.config.IntrospectionTarget;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.config.VerificationPolicy;
import com.example.resourceserver.auth.keys.TrustedKeySets;
import com.example.resourceserver.auth.token.TokenCaller;
import com.example.resourceserver.auth.token.Verification;
import com.example.resourceserver.auth.token.VerifiedToken;
import com.example.resourceserver.domain.caller.AuthenticationFailure;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Vouches for tokens through RFC 7662 introspection: opaque tokens (anything that is not shaped like a
 * compact JWS) at the first issuer with an endpoint, and the JWTs of issuers configured to introspect them
 * too. Refuses, without sending it anywhere, an opaque token longer than the limit or with characters a
 * bearer token cannot have (RFC 6750 §2.1 b64token).
 *
 * <p>Answers may be RFC 9701 signed JWTs, verified with the issuer's own keys ({@link SignedAnswerVerifier}).
 * Answers come from {@link IntrospectionCache}; expiry is checked again on every use. An endpoint that
 * fails or does not answer in time makes the request 503 with {@code Retry-After}, never a 200.
 */
public final class TokenIntrospector {

    private final List<IntrospectionClient> clients;
    private final IntrospectionCache cache;
    private final IntrospectionObserver observer;
    private final Clock clock;
    private final Duration leeway;
    private final Duration timeout;
    private final int maxTokenLength;

    /**
     * @param policy  its leeway applies to answers' times, its algorithm allow-list to RFC 9701 signed answers
     * @param keySets the issuers' keys, which verify their signed answers
     */
    public TokenIntrospector(
            List<IntrospectionTarget> targets,
            IntrospectionSettings settings,
            VerificationPolicy policy,
            TrustedKeySets keySets,
            boolean insecureHttpAllowed,
            Clock clock,
            Executor executor,
            IntrospectionObserver observer,
            TokenCaller callers) {
        BoundedHttp http = new BoundedHttp(settings.getTimeout(), settings.getMaxResponseBytes());
        Duration leeway = policy.leeway();
        this.clients = targets.stream()
                .map(target -> new IntrospectionClient(
                        target,
                        http,
                        clock,
                        leeway,
                        insecureHttpAllowed,
                        callers,
                        new SignedAnswerVerifier(
                                target, keySets, policy.algorithms(), clock, leeway, settings.getTimeout())))
                .toList();
        IntrospectionSettings.Cache cacheSettings = settings.getCache();
        this.cache = new IntrospectionCache(
                cacheSettings.getMaxEntries(),
                cacheSettings.getMaxBytes(),
                cacheSettings.getMaxTtl(),
                cacheSettings.getInactiveTtl(),
                clock,
                executor);
        this.observer = observer;
        this.clock = clock;
        this.leeway = leeway;
        this.timeout = settings.getTimeout();
        this.maxTokenLength = settings.getMaxTokenLength();
    }

    /** How long a request waits for an answer; past it, {@link #unavailable()}. */
    public Duration timeout() {
        return timeout;
    }

    /** Whether this token is for introspection rather than local verification: not JWS-shaped, and an endpoint exists. */
    public boolean handlesOpaque(String token) {
        return !clients.isEmpty() && !looksLikeJws(token);
    }

    /** Whether this issuer's verified JWTs must also be confirmed active by introspection. */
    public boolean introspectsJwtsOf(TrustedIssuer issuer) {
        return clientFor(issuer) != null;
    }

    /** An opaque token: checked locally, then by the first issuer with an endpoint. */
    public CompletableFuture<Verification> verifyOpaque(String token) {
        if (token.length() > maxTokenLength || !isB64Token(token)) {
            return CompletableFuture.completedFuture(Verification.rejected(Reason.MALFORMED));
        }
        return ask(clients.get(0), token);
    }

    /** A JWT already verified locally, of an issuer that introspects JWTs: still active? */
    public CompletableFuture<Verification> confirmJwt(String token, VerifiedToken verified) {
        return ask(clientFor(verified.issuer()), token)
                .thenApply(verification -> verification instanceof Verification.Verified
                        ? new Verification.Verified(verified)
                        : verification);
    }

    /** The answer when the endpoint did not answer within {@link #timeout()}. */
    public Verification unavailable() {
        return new Verification.Rejected(AuthenticationFailure.introspectionUnavailable(timeout));
    }

    private CompletableFuture<Verification> ask(IntrospectionClient client, String token) {
        long started = System.nanoTime();
        return cache.get(
                        token,
                        () -> {
                            IntrospectionAnswer answer = client.introspect(token);
                            observer.called(
                                    client.target().issuer().name(),
                                    answer.outcome(),
                                    Duration.ofNanos(System.nanoTime() - started));
                            return answer;
                        },
                        observer::looked)
                .thenApply(this::verdict);
    }

    private Verification verdict(IntrospectionAnswer answer) {
        if (answer instanceof IntrospectionAnswer.Active active) {
            IntrospectedToken token = active.token();
            Instant now = clock.instant();
            if (token.expiresAt().isPresent()
                    && !now.isBefore(token.expiresAt().get().plus(leeway))) {
                return Verification.rejected(Reason.EXPIRED);
            }
            Instant expiresAt = token.expiresAt().orElse(Instant.MAX);
            return new Verification.Verified(
                    new VerifiedToken(token.caller(), token.issuer(), null, expiresAt, token.claims()));
        }
        if (answer instanceof IntrospectionAnswer.Refused refused) {
            return Verification.rejected(refused.reason());
        }
        return unavailable();
    }

    private IntrospectionClient clientFor(TrustedIssuer issuer) {
        for (IntrospectionClient client : clients) {
            if (client.target().issuer().equals(issuer) && client.target().introspectJwts()) {
                return client;
            }
        }
        return null;
    }

    /** Two dots: a compact JWS (verified locally, or refused as malformed). A JWE has four and is opaque to us. */
    static boolean looksLikeJws(String token) {
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
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = token.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '+'
                    || c == '/';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
