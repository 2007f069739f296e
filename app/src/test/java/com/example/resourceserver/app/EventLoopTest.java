package com.example.resourceserver.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.JwksServer;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No key fetch ever blocks a Netty event loop: with the key set hanging and more requests waiting on it
 * than there are event-loop threads, other requests are still answered at once.
 */
class EventLoopTest {

    @RegisterExtension
    final TestIdentityProvider idp = TestIdentityProvider.withKey("k1");

    @Test
    void requestsWaitingForAHangingKeySetDoNotStallOtherRequests() throws Exception {
        idp.mode(JwksServer.Mode.HANG); // the very first fetch hangs: nothing is cached
        ServiceUnderTest service = ServiceUnderTest.trusting(idp)
                .with("auth.jwks.fetch-timeout", "4s")
                .with("micronaut.server.netty.worker.threads", 2) // few event loops, easy to starve
                .start();
        List<CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String token = idp.token().header("kid", "kid-" + i).sign();
            waiting.add(CompletableFuture.supplyAsync(() -> service.getWithToken("/api/private", token)));
        }
        // A sleep, not a poll: requests waiting on the hanging key fetch leave no sign outside the service.
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
