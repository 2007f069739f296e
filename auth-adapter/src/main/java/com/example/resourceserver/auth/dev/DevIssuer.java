package com.example.resourceserver.auth.dev;

import com.example.resourceserver.auth.config.JwksLocation;
import com.example.resourceserver.auth.config.TrustedIssuer;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The development issuer of the contract's "Development default": an RSA key generated at startup,
 * its public JWKS served by this very service, and tokens minted for trying the API.
 *
 * <p>The key is generated on a thread of its own, started by the constructor: a 2048-bit RSA key costs
 * 0.3 to 2.5 s of CPU in a JVM that has just started, which on the startup thread would delay the
 * server's first answer. Started this early, it is usually ready when the server listens, so the key
 * warm-up's JWKS request finds it within its fetch timeout even on a busy machine (generating it on
 * first need instead was measured to miss that timeout there). Only what needs the key waits for it:
 * minting (the startup log's tokens) and the JWKS route, the latter without holding its event loop.
 *
 * <p>It exists only in the {@code dev} environment and only when no issuer is configured at all:
 * both conditions are bean requirements, so no setting outside {@code dev} can switch it on. Its tokens
 * go through exactly the verification path of production tokens, keys fetched over HTTP included.
 */
@Singleton
@Requires(env = Environment.DEVELOPMENT)
@Requires(missingProperty = "auth.issuer")
@Requires(missingProperty = "auth.issuers")
@Requires(missingProperty = "auth0.domain")
public class DevIssuer {

    /** {@code .invalid} is reserved (RFC 2606): this issuer can never be mistaken for a real one. */
    public static final String ISSUER = "https://dev-issuer.invalid/";

    public static final String AUDIENCE = "https://messages-api.invalid/";
    public static final String JWKS_PATH = "/dev-issuer/jwks.json";
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

    private final CompletableFuture<RSAKey> key;
    private final BeanProvider<EmbeddedServer> server;
    private final Clock clock;

    public DevIssuer(BeanProvider<EmbeddedServer> server, Clock clock) {
        this.server = server;
        this.clock = clock;
        this.key = CompletableFuture.supplyAsync(DevIssuer::generateKey, task -> {
            Thread thread = new Thread(task, "dev-issuer-key");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID("dev-" + UUID.randomUUID())
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("The development key cannot be generated", e);
        }
    }

    public TrustedIssuer trustedIssuer() {
        return new TrustedIssuer("dev", ISSUER, AUDIENCE, new JwksLocation.Deferred(this::jwksUri));
    }

    /**
     * The public half of the key, as the JWKS document served at {@link #JWKS_PATH}; completes once the
     * key exists, without blocking the caller (an event loop) until then.
     */
    public CompletionStage<String> publicJwks() {
        return key.thenApply(k -> new JWKSet(k.toPublicJWK()).toString());
    }

    /** A token for {@code sub} granting {@code scope} (space-delimited; empty for none). */
    public String mint(String subject, String scope) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
        if (!scope.isEmpty()) {
            claims.claim("scope", scope);
        }
        RSAKey signingKey = key.join();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signingKey.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("The development key cannot sign", e);
        }
        return jwt.serialize();
    }

    /** The base URL clients use to reach this service, as the startup log shows it. */
    public String serviceUrl() {
        EmbeddedServer embedded = server.get();
        String host = embedded.getHost();
        if (host == null || host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")) {
            host = "localhost";
        }
        return embedded.getScheme() + "://" + host + ":" + embedded.getPort();
    }

    URI jwksUri() {
        return URI.create(serviceUrl() + JWKS_PATH);
    }

    List<String> curlExamples() {
        String base = serviceUrl();
        String withScope = mint("dev-user-with-scope", "read:messages");
        String withoutScope = mint("dev-user-without-scope", "");
        return List.of(
                "curl -i " + base + "/api/public",
                "curl -i -H 'Authorization: Bearer " + withScope + "' " + base + "/api/private",
                "curl -i -H 'Authorization: Bearer " + withScope + "' " + base + "/api/private-scoped",
                "curl -i -H 'Authorization: Bearer " + withoutScope + "' " + base + "/api/private-scoped");
    }
}
