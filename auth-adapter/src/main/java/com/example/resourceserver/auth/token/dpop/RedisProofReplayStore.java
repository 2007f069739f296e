package com.example.resourceserver.auth.token.dpop;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The replay store shared by every replica: one Redis {@code SET key 1 NX PX ttl} per proof, so a proof
 * used at one replica is refused at all others (Redis executes commands one at a time, so NX is atomic).
 *
 * <p>Every answer comes within {@code timeout}: commands are rejected at once while the connection is down
 * (Lettuce would otherwise queue them until it reconnects), and anything slower than the timeout, or any
 * error, is {@link Use#UNKNOWN}, never {@link Use#FIRST}. The connection is opened on first use and again
 * after a failed attempt, so the service starts while Redis is down, and Lettuce reconnects by itself
 * after an outage.
 */
public final class RedisProofReplayStore implements ProofReplayStore, AutoCloseable {

    public static final String DEFAULT_KEY_PREFIX = "dpop:proof:";

    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final String keyPrefix;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();

    /**
     * @param redisUri  {@code redis://[user:password@]host:port[/database]} or {@code rediss://...}
     * @param timeout   the bound on connecting and on each command
     * @param keyPrefix put before every key, so the entries are easy to find and cannot clash with others
     */
    public RedisProofReplayStore(String redisUri, Duration timeout, String keyPrefix) {
        this.uri = RedisURI.create(redisUri);
        this.uri.setTimeout(timeout);
        this.timeout = timeout;
        this.keyPrefix = keyPrefix;
        this.client = RedisClient.create();
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
    }

    @Override
    public CompletionStage<Use> recordIfAbsent(ProofReplayKey key, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive");
        }
        SetArgs onlyIfAbsent = SetArgs.Builder.nx().px(ttl.toMillis());
        return connected()
                .thenCompose(c -> c.async().set(keyPrefix + key.value(), "1", onlyIfAbsent))
                .thenApply(reply -> "OK".equals(reply) ? Use.FIRST : Use.REPEATED) // NX not met: nil reply
                .completeOnTimeout(Use.UNKNOWN, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> Use.UNKNOWN);
    }

    /** Whether Redis answers a PING within the timeout (for readiness). */
    public CompletionStage<Boolean> isReachable() {
        return connected()
                .thenCompose(c -> c.async().ping())
                .thenApply("PONG"::equals)
                .completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> false);
    }

    /** The open connection, or the one being opened; a failed attempt is replaced by a new one. */
    private CompletableFuture<StatefulRedisConnection<String, String>> connected() {
        while (true) {
            CompletableFuture<StatefulRedisConnection<String, String>> current = connection.get();
            if (current != null && !current.isCompletedExceptionally()) {
                return current;
            }
            CompletableFuture<StatefulRedisConnection<String, String>> attempt = new CompletableFuture<>();
            if (connection.compareAndSet(current, attempt)) {
                client.connectAsync(StringCodec.UTF8, uri).whenComplete((c, failure) -> {
                    if (failure != null) {
                        attempt.completeExceptionally(failure);
                    } else {
                        attempt.complete(c);
                    }
                });
                return attempt;
            }
        }
    }

    @Override
    public void close() {
        client.shutdown(Duration.ZERO, timeout);
    }
}
