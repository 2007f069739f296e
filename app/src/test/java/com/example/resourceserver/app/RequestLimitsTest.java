package com.example.resourceserver.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.resourceserver.app.support.RawHttp;
import com.example.resourceserver.app.support.ServiceUnderTest;
import com.example.resourceserver.auth.testing.TestIdentityProvider;
import com.example.resourceserver.auth.testing.TokenMint;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Whatever arrives, the answer is a 4xx, never a 5xx or a hang, and the service keeps serving. */
class RequestLimitsTest {

    @RegisterExtension
    static final TestIdentityProvider idp = TestIdentityProvider.withKey("limits");

    static final TokenMint mint = idp.mint();
    static ServiceUnderTest service; // stopped by idp

    @BeforeAll
    static void start() {
        service = ServiceUnderTest.trusting(idp)
                .with("web.request-header-timeout", "2s")
                .start();
    }

    @AfterEach
    void stillHealthy() {
        RawHttp.Response publicRoute = RawHttp.get(service.port(), "/api/public");
        assertEquals(200, publicRoute.status());
        assertEquals(
                200,
                RawHttp.get(service.port(), "/api/private", "Authorization: Bearer " + mint.valid(""))
                        .status());
    }

    static void assertClientError(RawHttp.Response response) {
        assertTrue(response.status() >= 400 && response.status() < 500, "status " + response.status());
    }

    @Test
    void a64KiBTokenIsRefusedWithA4xx() {
        String token = mint.token().claim("padding", "x".repeat(64 * 1024)).sign();
        RawHttp.Response response = RawHttp.get(service.port(), "/api/private", "Authorization: Bearer " + token);
        assertClientError(response);
        assertTrue(List.of(400, 401, 413, 431).contains(response.status()), "status " + response.status());
    }

    @Test
    void aTokenJustUnderTheHeaderLimitIsStillOnlyA401() {
        // ~7 KiB: passes the server's header limit, and is refused as a token, not as a request.
        String token = mint.token().claim("padding", "x".repeat(5000)).sign();
        RawHttp.Response response =
                RawHttp.get(service.port(), "/api/private", "Authorization: Bearer " + token.substring(0, 7000));
        assertEquals(401, response.status());
    }

    @Test
    void oversizedAndNumerousHeadersAreRefusedWithA4xx() {
        assertClientError(RawHttp.get(service.port(), "/api/public", "X-Big: " + "y".repeat(100_000)));
        String[] many = new String[2000];
        for (int i = 0; i < many.length; i++) {
            many[i] = "X-H" + i + ": v";
        }
        assertClientError(RawHttp.get(service.port(), "/api/private", many));
        assertClientError(RawHttp.get(service.port(), "/api/public?" + "q".repeat(20_000)));
    }

    @Test
    void garbageRequestLinesAndBytesAreRefused() {
        // Netty reads an unknown version like HTTP/1.x: odd, harmless, and never a 5xx.
        assertTrue(RawHttp.exchange(
                                service.port(),
                                "GET /api/public HTTP/9.9\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))
                        .status()
                < 500);
        for (String request : List.of(
                "GARBAGE\r\n\r\n",
                "GET /api/private HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u0000\u0001\u0002.a.b\r\n\r\n",
                "GET /api/private HTTP/1.1\r\nHost: x\r\nAuthorization : Bearer a.b.c\r\n\r\n")) {
            RawHttp.Response response = RawHttp.exchange(service.port(), request.getBytes(StandardCharsets.ISO_8859_1));
            assertClientError(response);
        }
        byte[] binary = new byte[4096];
        new java.util.Random(7).nextBytes(binary);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(binary);
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(12);
            if (answer.length > 0) {
                String status = new String(answer, StandardCharsets.ISO_8859_1);
                assertTrue(status.matches("HTTP/1\\.[01] 4.*"), status);
            }
        } catch (java.io.IOException closedByServer) {
            // a reset is an acceptable answer to binary junk
        }
    }

    @Test
    void manyBadTokensInParallelNeverProduceA5xx() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                final int n = i;
                statuses.add(pool.submit(() -> RawHttp.get(
                                service.port(),
                                "/api/private-scoped",
                                "Authorization: Bearer "
                                        + switch (n % 4) {
                                            case 0 -> "a.b.c";
                                            case 1 ->
                                                mint.token()
                                                        .header("kid", "random-" + n)
                                                        .sign();
                                            case 2 ->
                                                mint.token().claim("exp", 5).sign();
                                            default -> mint.valid("read:messages");
                                        })
                        .status()));
            }
            for (int i = 0; i < statuses.size(); i++) {
                int status = statuses.get(i).get();
                assertEquals(i % 4 == 3 ? 200 : 401, status, "request " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTricklingClientIsCutOffAndOthersAreServedMeanwhile() throws Exception {
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
            slow.setSoTimeout(10_000);
            OutputStream out = slow.getOutputStream();
            out.write("GET /api/public HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            long start = System.nanoTime();
            boolean closed = false;
            // One header byte every 300 ms: never idle, never done.
            for (int i = 0; i < 30 && !closed; i++) {
                assertEquals(200, RawHttp.get(service.port(), "/api/public").status(), "others are served meanwhile");
                try {
                    out.write('X');
                    out.flush();
                    Thread.sleep(300);
                    if (slow.getInputStream().available() > 0 || isClosedByPeer(slow)) {
                        closed = true;
                    }
                } catch (java.io.IOException e) {
                    closed = true;
                }
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertTrue(closed, "a trickling client kept its connection for " + seconds + " s");
            assertTrue(seconds <= 6, "cut off only after " + seconds + " s (deadline 2 s)");
        }
    }

    @Test
    void anIdleKeepAliveConnectionStillServesRequestsWithinTheDeadline() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
            socket.setSoTimeout(5_000);
            for (int i = 0; i < 3; i++) {
                socket.getOutputStream()
                        .write("GET /api/public HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                byte[] head = socket.getInputStream().readNBytes(12);
                assertEquals("HTTP/1.1 200", new String(head, StandardCharsets.ISO_8859_1));
                socket.getInputStream().readNBytes(socket.getInputStream().available());
                Thread.sleep(700);
                socket.getInputStream().skip(socket.getInputStream().available());
            }
        }
    }

    /** A peer close shows as end-of-stream on a non-blocking peek. */
    private static boolean isClosedByPeer(Socket socket) throws java.io.IOException {
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } finally {
            socket.setSoTimeout(10_000);
        }
    }
}
