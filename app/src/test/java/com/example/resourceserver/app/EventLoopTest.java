package com.example.resourceserver.app;

import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestKeys;
import com.example.resourceserver.auth.testing.TokenMint;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * No key fetch ever blocks a Netty event loop: with the key set hanging and more requests waiting on it
 * than there are event-loop threads, other requests are still answered at once.
 */
class EventLoopTest {

    @Test
    void requestsWaitingForAHangingKeySetDoNotStallOtherRequests() throws Exception {
        RSAKey key = TestKeys.rsa("k1");
        try (JwksServer jwks = JwksServer.start().publish(key)) {
            jwks.mode(JwksServer.Mode.HANG); // the very first fetch hangs: nothing is cached
            Map<String, Object> properties = ServiceUnderTest.trusting(jwks);
            properties.put("auth.jwks.fetch-timeout", "4s");
            properties.put("micronaut.server.netty.worker.threads", 2); // few event loops, easy to starve
            try (ServiceUnderTest service = ServiceUnderTest.start(properties)) {
                TokenMint mint = new TokenMint(key, jwks.baseUrl(), ServiceUnderTest.AUDIENCE);
                List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String token = mint.token().header("kid", "kid-" + i).sign();
                    waiting.add(CompletableFuture.supplyAsync(() -> service.getWithToken("/api/private", token)));
                }
                Thread.sleep(500); // let them reach the hanging fetch

                for (int i = 0; i < 5; i++) {
                    long start = System.nanoTime();
                    assertEquals(200, service.get("/api/public").statusCode());
                    long millis = (System.nanoTime() - start) / 1_000_000;
                    assertTrue(millis < 1000, "/api/public took " + millis + " ms while key fetches hang");
                }
                for (CompletableFuture<HttpResponse<String>> response : waiting) {
                    assertEquals(503, response.get().statusCode());
                }
            }
        }
    }
}
