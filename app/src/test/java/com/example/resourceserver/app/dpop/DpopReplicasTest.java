package com.example.resourceserver.app.dpop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.Poll;
import com.example.resourceserver.auth.testing.RedisServer;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.example.resourceserver.domain.caller.AuthenticationFailure.Reason;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances of the service (two replicas behind a load balancer) sharing one real {@code redis-server}
 * as their DPoP replay store ({@code AUTH_DPOP_REPLAY_STORE=redis}, {@code REDIS_URI}).
 */
class DpopReplicasTest {

    static final String PRIVATE = "/api/private";

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("k1");

    final DpopClient client = DpopClient.es256();

    ServiceUnderTest replica(RedisServer redis) {
        return ServiceUnderTest.trusting(idp)
                .with("auth.dpop.replay-store", "redis")
                .with("auth.dpop.redis-uri", redis.uri())
                .with("auth.dpop.redis-timeout", "300ms")
                .with("web.external-url", "https://api.example.com") // both behind one load balancer
                .with("endpoints.health.details-visible", "ANONYMOUS")
                .start();
    }

    static HttpResponse<String> send(ServiceUnderTest replica, String token, String proof) {
        return replica.get(PRIVATE, "Authorization", "DPoP " + token, "DPoP", proof);
    }

    @Test
    void aProofUsedAtOneReplicaIsRefusedAtTheOtherAndARedisOutageIsA503NeverAnAcceptance() {
        RedisServer redis = idp.closeAfterwards(RedisServer.start());
        ServiceUnderTest a = replica(redis);
        ServiceUnderTest b = replica(redis);
        String token = client.boundToken(idp, "");
        String htu = "https://api.example.com" + PRIVATE; // the load balancer's URL: one htu fits both replicas

        // Each replica opens its connection at startup, in the background; until then DPoP requests get 503.
        String proof = client.proof("GET", htu, token);
        assertEquals(
                200,
                Poll.until(() -> send(a, token, proof), r -> r.statusCode() != 503, Duration.ofSeconds(10))
                        .statusCode());
        HttpResponse<String> replayed =
                Poll.until(() -> send(b, token, proof), r -> r.statusCode() != 503, Duration.ofSeconds(10));
        assertEquals(401, replayed.statusCode(), replayed.body());
        assertTrue(replayed.headers()
                .firstValue("WWW-Authenticate")
                .orElse("")
                .contains(Reason.DPOP_PROOF_REPLAYED.description()));
        assertTrue(
                b.get("/health/readiness").body().contains("\"reachable\":true"),
                b.get("/health/readiness").body());

        redis.stop();
        long start = System.nanoTime();
        HttpResponse<String> unavailable = send(a, token, client.proof("GET", htu, token));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(503, unavailable.statusCode(), unavailable.body());
        assertEquals("1", unavailable.headers().firstValue("Retry-After").orElse(""));
        assertTrue(unavailable.body().contains(Reason.DPOP_REPLAY_STORE_UNAVAILABLE.description()), unavailable.body());
        assertTrue(took.compareTo(Duration.ofSeconds(3)) < 0, "bounded by the Redis timeout, took " + took);

        // Bearer requests do not need the store; readiness reports it, without taking the replica out.
        assertEquals(200, a.getWithToken(PRIVATE, idp.valid("")).statusCode());
        HttpResponse<String> readiness = a.get("/health/readiness");
        assertEquals(200, readiness.statusCode(), readiness.body());
        assertTrue(readiness.body().contains("\"reachable\":false"), readiness.body());

        // Back: DPoP requests are served again once the client has reconnected.
        redis.restart();
        HttpResponse<String> served = Poll.until(
                () -> send(a, token, client.proof("GET", htu, token)),
                r -> r.statusCode() == 200,
                Duration.ofSeconds(15));
        assertEquals(200, served.statusCode());
    }
}
