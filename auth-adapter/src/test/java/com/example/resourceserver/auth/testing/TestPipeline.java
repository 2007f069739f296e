package com.example.resourceserver.auth.testing;

import com.example.resourceserver.auth.config.AuthConfiguration;
import com.example.resourceserver.auth.dpop.DpopOutcome;
import com.example.resourceserver.auth.dpop.DpopProofVerifier;
import com.example.resourceserver.auth.dpop.InMemoryProofReplayStore;
import com.example.resourceserver.auth.dpop.ProofReplayStore;
import com.example.resourceserver.auth.dpop.ProofRules;
import com.example.resourceserver.auth.introspection.IntrospectionObserver;
import com.example.resourceserver.auth.issuer.Issuers;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.jws.JwsReader;
import com.example.resourceserver.auth.keys.KeyFetchObserver;
import com.example.resourceserver.auth.pipeline.AuthRequest;
import com.example.resourceserver.auth.pipeline.AuthResult;
import com.example.resourceserver.auth.pipeline.RequestAuthenticator;
import com.example.resourceserver.auth.pipeline.VerdictCache;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole request pipeline for one configuration, built as the service builds it (its issuers, both verdict
 * caches, DPoP with an in-process replay store), without a server: requests in, {@link AuthResult}s out. The
 * principal is the {@link VerifiedToken} itself.
 */
public final class TestPipeline implements AutoCloseable {

    private final Issuers issuers;
    private final RequestAuthenticator<VerifiedToken> pipeline;
    private final VerdictCache<VerifiedToken> tokens;
    private final VerdictCache<VerifiedToken> introspected;
    private final List<DpopOutcome> dpopOutcomes = new CopyOnWriteArrayList<>();

    private TestPipeline(
            AuthConfiguration configuration,
            ExecutorService executor,
            Clock clock,
            IntrospectionObserver observer,
            ProofReplayStore store) {
        JwsReader reader = new JwsReader();
        this.issuers = Issuers.start(configuration, reader, clock, executor, KeyFetchObserver.NONE, observer);
        var cache = configuration.tokenCache();
        this.tokens =
                new VerdictCache<>(cache.getMaxEntries(), cache.getMaxBytes(), cache.getMaxTtl(), Duration.ZERO, clock);
        var answers = configuration.introspection().getCache();
        this.introspected = new VerdictCache<>(
                answers.getMaxEntries(), answers.getMaxBytes(), answers.getMaxTtl(), answers.getInactiveTtl(), clock);
        var dpop = configuration.dpop();
        DpopProofVerifier proofs = new DpopProofVerifier(
                new ProofRules(
                        dpop.algorithmSet(),
                        dpop.proofMaxAge(),
                        configuration.policy().leeway()),
                store,
                reader);
        this.pipeline = RequestAuthenticator.create(
                configuration,
                issuers,
                reader,
                proofs,
                cache.isEnabled() ? Optional.of(tokens) : Optional.empty(),
                introspected,
                token -> token,
                executor,
                clock,
                dpopOutcomes::add,
                observer);
    }

    public static TestPipeline start(AuthConfiguration configuration, ExecutorService executor) {
        return start(configuration, executor, Clock.systemUTC(), IntrospectionObserver.NONE);
    }

    public static TestPipeline start(
            AuthConfiguration configuration, ExecutorService executor, Clock clock, IntrospectionObserver observer) {
        return new TestPipeline(configuration, executor, clock, observer, new InMemoryProofReplayStore(1000));
    }

    public AuthResult<VerifiedToken> authenticate(AuthRequest request) {
        try {
            return pipeline.authenticate(request).toCompletableFuture().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the pipeline must always answer", e);
        }
    }

    public AuthResult<VerifiedToken> bearer(String token) {
        return authenticate(TestRequest.bearer(token));
    }

    public Issuers issuers() {
        return issuers;
    }

    /** The verified-token cache, used only when the configuration leaves it on. */
    public VerdictCache<VerifiedToken> tokens() {
        return tokens;
    }

    public VerdictCache<VerifiedToken> introspected() {
        return introspected;
    }

    /** Every DPoP proof's outcome so far, in order. */
    public List<DpopOutcome> dpopOutcomes() {
        return dpopOutcomes;
    }

    @Override
    public void close() throws IOException {
        issuers.close();
    }
}
