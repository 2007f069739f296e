package com.example.resourceserver.auth.testing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test identity provider: a real HTTP {@link JwksServer} on 127.0.0.1 publishing a signing key, and
 * a {@link TokenMint} for tokens of that key, issuer ({@link #issuer()}, the server's base URL) and
 * audience. Keys can be added and removed, and the key set made to fail, while a service trusts it.
 *
 * <p>As a JUnit 5 extension it stops itself:
 * <pre>{@code
 * @RegisterExtension
 * final TestIdentityProvider idp = TestIdentityProvider.withKey("k1");        // a fresh one per test
 * @RegisterExtension
 * static final TestIdentityProvider idp = TestIdentityProvider.withKey("k1"); // one for the class
 * }</pre>
 * It starts when created, so it is ready for {@code @BeforeAll} methods and Micronaut test property
 * providers. Outside JUnit, close it with try-with-resources.
 */
public final class TestIdentityProvider
        implements AutoCloseable, BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** The audience tokens carry unless {@link #audience(String)} says otherwise. */
    public static final String DEFAULT_AUDIENCE = "https://api.example/";

    private final JwksServer server = JwksServer.start();
    private final JWK key;
    private final List<JWK> published = new ArrayList<>();
    private final List<AutoCloseable> dependents = new CopyOnWriteArrayList<>();
    private volatile String audience = DEFAULT_AUDIENCE;
    private volatile boolean classScoped;
    private boolean closed;

    private TestIdentityProvider(JWK key) {
        this.key = key;
        publishOnly(key);
    }

    /** Started, publishing a fresh 2048-bit RSA key with this kid. */
    public static TestIdentityProvider withKey(String kid) {
        return new TestIdentityProvider(TestKeys.rsa(kid));
    }

    /** Started, publishing this key (its public part) and minting with it. */
    public static TestIdentityProvider withKey(JWK key) {
        return new TestIdentityProvider(key);
    }

    /** The audience minted tokens carry (default {@value #DEFAULT_AUDIENCE}). */
    public TestIdentityProvider audience(String newAudience) {
        audience = newAudience;
        return this;
    }

    // --- what a service is configured with -------------------------------------------------------------

    /** The issuer of its tokens: {@code http://127.0.0.1:port}, which its discovery document names too. */
    public String issuer() {
        return server.baseUrl();
    }

    public String audience() {
        return audience;
    }

    public URI jwksUri() {
        return server.jwksUri();
    }

    /** The server itself: raw key set documents, a discovery issuer of choice, other paths' counts. */
    public JwksServer jwks() {
        return server;
    }

    // --- tokens ----------------------------------------------------------------------------------------

    /** The key its tokens are signed with. */
    public JWK key() {
        return key;
    }

    /** Tokens signed by {@link #key()}, with this provider's issuer and audience. */
    public TokenMint mint() {
        return mint(key);
    }

    /** Tokens with this provider's issuer and audience, signed by another key (one added, or a stranger's). */
    public TokenMint mint(JWK signingKey) {
        return new TokenMint(signingKey, issuer(), audience);
    }

    /** A valid token granting {@code scope} (space-delimited, may be empty). */
    public String valid(String scope) {
        return mint().valid(scope);
    }

    /** A token to edit before signing; see {@link TokenMint.Token}. */
    public TokenMint.Token token() {
        return mint().token();
    }

    // --- keys and failures -----------------------------------------------------------------------------

    /** Publishes a fresh RSA key with this kid next to the published ones (the first half of a rotation). */
    public synchronized RSAKey addKey(String kid) {
        RSAKey added = TestKeys.rsa(kid);
        published.add(added);
        server.publish(published.toArray(JWK[]::new));
        return added;
    }

    /** Stops publishing this key (the second half of a rotation). */
    public synchronized void removeKey(JWK removed) {
        published.remove(removed);
        server.publish(published.toArray(JWK[]::new));
    }

    /** Publishes exactly these keys. */
    public synchronized void publishOnly(JWK... keys) {
        published.clear();
        published.addAll(List.of(keys));
        server.publish(keys);
    }

    /** Serve the key set, answer 500, or hang (until the mode changes or the provider stops). */
    public TestIdentityProvider mode(JwksServer.Mode mode) {
        server.mode(mode);
        return this;
    }

    /** Requests for the key set so far (failed and hung ones included). */
    public int jwksFetches() {
        return server.requests(JwksServer.JWKS_PATH);
    }

    /** Requests for the discovery document so far. */
    public int discoveryFetches() {
        return server.requests(JwksServer.DISCOVERY_PATH);
    }

    public void resetCounts() {
        server.resetCounts();
    }

    // --- lifecycle -------------------------------------------------------------------------------------

    /**
     * Closes {@code dependent} (say, a service trusting this provider) when the provider stops, before
     * the provider itself, so that nothing is left fetching from a closed server. Returns it.
     */
    public <T extends AutoCloseable> T closeAfterwards(T dependent) {
        dependents.add(dependent);
        return dependent;
    }

    /** Called only when registered on a static field (or on a per-class test instance). */
    @Override
    public void beforeAll(ExtensionContext context) {
        classScoped = true;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!classScoped) {
            close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close();
    }

    /** Closes the dependents, last registered first, then the server; a failure to close is rethrown. */
    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        Exception failure = null;
        List<AutoCloseable> toClose = new ArrayList<>(dependents);
        dependents.clear();
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        server.close();
        if (failure != null) {
            throw failure;
        }
    }
}
