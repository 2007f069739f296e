package com.example.resourceserver.auth.bench;

import com.example.resourceserver.auth.config.AuthSettings;
import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.example.resourceserver.auth.keys.KeyFetchObserver;
import com.example.resourceserver.auth.keys.TrustedKeySets;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TokenMint;
import com.example.resourceserver.auth.token.AccessTokenVerifier;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The benchmarks' issuer: its key set served over real HTTP on loopback ({@link JwksServer}), and the
 * {@link AccessTokenVerifier} that trusts it, built as the service builds it. Shared by the verification
 * benchmarks so that each measures the same path.
 */
final class BenchIssuer implements AutoCloseable {

    static final String AUDIENCE = "https://api.example/";

    /** Auth0's shape of a client id, in the {@code azp} of every benchmark token. */
    static final String CLIENT_ID = "zZ9t2hQsVYg0xkaL7sy2HMsF1Ty0zZhE";

    final AccessTokenVerifier verifier;
    private final JwksServer jwks;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final TrustedKeySets keySets;

    /** Trusts the keys {@code jwks} publishes, with these settings (algorithms, leeway ...). */
    BenchIssuer(JwksServer jwks, AuthSettings settings) {
        this.jwks = jwks;
        TrustedIssuer issuer =
                new TrustedIssuer("bench", jwks.baseUrl(), AUDIENCE, new JwksLocation.Fixed(jwks.jwksUri()));
        this.keySets = new TrustedKeySets(
                List.of(issuer), settings.getJwks(), false, Clock.systemUTC(), executor, KeyFetchObserver.NONE);
        this.verifier = new AccessTokenVerifier(keySets, settings.verificationPolicy(), Clock.systemUTC());
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
        keySets.close();
        jwks.close();
        executor.shutdownNow();
    }
}
