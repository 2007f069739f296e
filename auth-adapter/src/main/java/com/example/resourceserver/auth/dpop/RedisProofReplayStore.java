package com.example.resourceserver.auth.dpop;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
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

    /**
     * The bound on opening a connection (TCP and handshake). Longer than a command's: nobody waits for it (a
     * request waits at most the command timeout, whatever the connection is doing), and a slow first
     * handshake cut short would only be retried.
     */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Reconnection attempts back off up to this, so service resumes within about a second of Redis's return. */
    private static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    private final ClientResources resources;
    private final RedisClient client;
    private final RedisURI uri;
    private final Duration timeout;
    private final String keyPrefix;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<String, String>>> connection =
            new AtomicReference<>();

    /**
     * @param redisUri  {@code redis://[user:password@]host:port[/database]} or {@code rediss://...}
     * @param timeout   the bound on each answer: a request never waits longer for the store
     * @param keyPrefix put before every key, so the entries are easy to find and cannot clash with others
     */
    public RedisProofReplayStore(String redisUri, Duration timeout, String keyPrefix) {
        this.uri = RedisURI.create(redisUri);
        this.uri.setTimeout(CONNECT_TIMEOUT);
        this.timeout = timeout;
        this.keyPrefix = keyPrefix;
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources);
        this.client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(
                        SocketOptions.builder().connectTimeout(CONNECT_TIMEOUT).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
        connected(); // at once, in the background: the first request should not wait for the handshake
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
        resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
