package com.example.resourceserver.auth.token.introspection;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP to an authorization server with every bound a hostile or broken one needs: the whole exchange
 * (connect, headers and body) within the timeout, the body cut off past a size, and redirects never
 * followed (a 3xx is answered as it is, and the caller treats it as a failure: a redirect could carry
 * the client's credentials and the token elsewhere).
 */
final class BoundedHttp {

    /** A failed exchange, with its metric label. */
    static final class Failure extends Exception {
        final String outcome;

        Failure(String outcome) {
            super(outcome, null, false, false);
            this.outcome = outcome;
        }
    }

    record Answer(int status, String contentType, String body) {}

    private static final int COMPLETION_THREADS = 2;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /** Names this client's threads: {@code introspection-http-<client>-<thread>}. */
    final String threadNamePrefix;

    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;

    BoundedHttp(Duration timeout, int maxBytes) {
        this.threadNamePrefix = "introspection-http-" + CLIENTS.incrementAndGet() + "-";
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .executor(completionThreads())
                .build();
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /**
     * The client's own threads, which only hand finished responses over (the caller waits on its own thread):
     * two, idle ones ending after 30 s. The JDK's default is a cached pool that grows a thread per concurrent
     * exchange: 77 threads, and their memory, after 64 connections of tokens to introspect in the load benchmark.
     */
    private ExecutorService completionThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor threads = new ThreadPoolExecutor(
                COMPLETION_THREADS, COMPLETION_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, threadNamePrefix + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
        return threads;
    }

    Answer post(URI uri, Map<String, String> headers, String form) throws Failure {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        return exchange(request.build());
    }

    Answer get(URI uri) throws Failure {
        return exchange(HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build());
    }

    private Answer exchange(HttpRequest request) throws Failure {
        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(request, info -> new LimitedBody(maxBytes));
        try {
            HttpResponse<String> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new Failure("timeout");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new Failure(
                    cause instanceof TooLarge
                            ? "too_large"
                            : cause instanceof java.net.http.HttpTimeoutException ? "timeout" : "io_error");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("io_error");
        }
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("answer too large", null);
        }
    }

    /** Collects the body, and gives up (cancelling the download) as soon as it exceeds the bound. */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<String> {

        private final CompletableFuture<String> result = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final int maxBytes;
        private Flow.Subscription subscription;

        LimitedBody(int maxBytes) {
            this.maxBytes = maxBytes;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
