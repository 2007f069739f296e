package com.example.resourceserver.auth.bench;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.issuer.VerifiedToken;
import com.example.resourceserver.auth.pipeline.AuthResult;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestConfigurations;
import com.example.resourceserver.auth.testing.TestPipeline;
import com.example.resourceserver.auth.testing.TokenMint;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmarks' issuer: its key set served over real HTTP on loopback ({@link JwksServer}), and the request
 * pipeline that trusts it, built from settings as the service builds it ({@link TestPipeline}), with and
 * without the verified-token cache. Shared by the verification benchmarks so that each measures the same
 * path. The framework's principal (Micronaut's {@code Authentication}) is not built here: the pipeline's
 * principal is the verified token itself.
 */
final class BenchIssuer implements AutoCloseable {

    static final String AUDIENCE = "https://api.example/";

    /** Auth0's shape of a client id, in the {@code azp} of every benchmark token. */
    static final String CLIENT_ID = "zZ9t2hQsVYg0xkaL7sy2HMsF1Ty0zZhE";

    /** The pipeline as shipped: the verified-token cache first. */
    final TestPipeline cached;
    /** The same pipeline with {@code auth.token-cache.enabled=false}: every request a full verification. */
    final TestPipeline uncached;

    private final JwksServer jwks;
    private final ExecutorService executor = Executors.newCachedThreadPool();

    /** Trusts the keys {@code jwks} publishes, with these settings (algorithms, cache bounds ...). */
    BenchIssuer(JwksServer jwks, AuthSettings settings) {
        this.jwks = jwks;
        this.cached = TestPipeline.start(
                TestConfigurations.trusting(settings, jwks.baseUrl(), AUDIENCE, jwks.jwksUri()), executor);
        settings.getTokenCache().setEnabled(false);
        this.uncached = TestPipeline.start(
                TestConfigurations.trusting(settings, jwks.baseUrl(), AUDIENCE, jwks.jwksUri()), executor);
    }

    /** The token through the pipeline, which must accept it (keys are fetched on first use). */
    static AuthResult<VerifiedToken> accepted(TestPipeline pipeline, String token) {
        AuthResult<VerifiedToken> result = pipeline.bearer(token);
        if (!(result instanceof AuthResult.Authenticated<VerifiedToken>)) {
            throw new IllegalStateException("the benchmark token is refused: " + result);
        }
        return result;
    }

    /**
     * Token {@code i} of a distinct-token set, shaped like an Auth0 access token: its own {@code sub}, the
     * client's {@code azp}, three scopes.
     */
    static String auth0Shaped(TokenMint mint, int i, long exp) {
        return mint.token()
                .claim("sub", "auth0|bench-user-" + i)
                .claim("azp", CLIENT_ID)
                .claim("scope", "openid profile read:messages")
                .claim("exp", exp)
                .sign();
    }

    @Override
    public void close() throws IOException {
        cached.close();
        uncached.close();
        jwks.close();
        executor.shutdownNow();
    }
}
