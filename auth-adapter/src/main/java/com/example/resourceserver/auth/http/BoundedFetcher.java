package com.example.resourceserver.auth.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one HTTP client that talks to authorization servers (metadata documents, key sets, introspection), with
 * every bound a hostile or broken server needs: the whole exchange (connect, headers, body) within the
 * timeout, the body cut off past a size, and redirects under our control. {@link #get} follows a redirect only
 * within the origin (scheme, host and port) of the URL asked for, at most {@value #MAX_REDIRECTS} times: a key set
 * URL answering {@code 302} to another host would otherwise make the service trust the keys served there.
 * {@link #post} never follows one (a 3xx is returned as it is): it could carry the client's credentials and the
 * token elsewhere.
 *
 * <p>The JDK's {@link HttpClient}, not Nimbus's {@code DefaultResourceRetriever}: the latter follows
 * redirects to any host by itself (through {@code HttpURLConnection}) and cannot bound the whole exchange.
 * The client hands finished responses over on two threads of its own instead of the JDK's cached pool,
 * which grew a thread per concurrent exchange (77 after the load benchmark's introspection row).
 */
public final class BoundedFetcher {

    public static final int MAX_REDIRECTS = 3;

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /** A failed exchange: {@link #outcome()} is a fixed metric label, the message a sentence for logs. */
    public static final class Failure extends Exception {
        private final String outcome;

        public Failure(String outcome, String message) {
            super(message, null, false, false);
            this.outcome = outcome;
        }

        /** {@code timeout}, {@code io_error}, {@code too_large}, {@code redirect}, {@code error_status}, ... */
        public String outcome() {
            return outcome;
        }
    }

    /** An answer, whatever its status; {@code location} is its Location header, if any. */
    public record Answer(int status, String contentType, String body, String location) {}

    private final String threadNamePrefix; // <purpose>-http-<client>-<thread>
    private final HttpClient client;
    private final Duration timeout;
    private final int maxBytes;

    /**
     * @param purpose  names the threads ({@code keys}, {@code introspection})
     * @param timeout  the bound on one whole exchange (each hop of a redirect counts anew)
     * @param maxBytes a longer body is a failure ({@code too_large}), with or without a Content-Length
     */
    public BoundedFetcher(String purpose, Duration timeout, int maxBytes) {
        this.threadNamePrefix = purpose + "-http-" + CLIENTS.incrementAndGet() + "-";
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .executor(completionThreads())
                .build();
    }

    public Duration timeout() {
        return timeout;
    }

    /** For tests that count this client's threads. */
    public String threadNamePrefix() {
        return threadNamePrefix;
    }

    /** The body of a 2xx answer to a GET; redirects within the origin are followed, any other answer fails. */
    public String get(URI uri, String accept) throws Failure {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            Answer answer = exchange(HttpRequest.newBuilder(current)
                    .timeout(timeout)
                    .header("Accept", accept)
                    .GET()
                    .build());
            if (answer.status() >= 200 && answer.status() < 300) {
                return answer.body();
            }
            if (!isRedirect(answer.status())) {
                throw new Failure("error_status", "HTTP status " + answer.status() + " from " + current);
            }
            URI target = resolve(current, answer.location());
            if (!origin(target).equals(origin(uri))) {
                throw new Failure("redirect", "redirected to another origin (" + origin(target) + "), not followed");
            }
            if (redirects == MAX_REDIRECTS) {
                throw new Failure("redirect", "more than " + MAX_REDIRECTS + " redirects");
            }
            current = target;
        }
    }

    /**
     * A form POST; its answer whatever the status (a 3xx is never followed). An I/O failure is tried once
     * more: the JDK client retries only GET and HEAD when a pooled connection turns out closed by the server,
     * and the POSTs sent here (introspection) change nothing, so asking twice is safe.
     */
    public Answer post(URI uri, Map<String, String> headers, String form) throws Failure {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        try {
            return exchange(request.build());
        } catch (Failure failure) {
            if (!failure.outcome().equals("io_error")) {
                throw failure;
            }
            return exchange(request.build());
        }
    }

    private Answer exchange(HttpRequest request) throws Failure {
        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(request, info -> new LimitedBody(maxBytes));
        try {
            HttpResponse<String> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""),
                    response.body(),
                    response.headers().firstValue("Location").orElse(null));
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(request);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof LimitedBody.TooLarge) {
                throw new Failure("too_large", "the answer of " + request.uri() + " exceeds " + maxBytes + " bytes");
            }
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(request);
            }
            throw new Failure("io_error", request.uri() + " could not be reached: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("io_error", "interrupted while asking " + request.uri());
        }
    }

    private Failure timedOut(HttpRequest request) {
        return new Failure("timeout", "no answer from " + request.uri() + " within " + timeout.toMillis() + " ms");
    }

    private ExecutorService completionThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor threads =
                new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, threadNamePrefix + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        threads.allowCoreThreadTimeOut(true);
        return threads;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI resolve(URI base, String location) throws Failure {
        if (location == null || location.isBlank()) {
            throw new Failure("redirect", "redirected without a Location");
        }
        try {
            return base.resolve(new URI(location.trim()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new Failure("redirect", "redirected to an invalid Location");
        }
    }

    /** scheme://host:port, with the scheme's default port made explicit and case folded. */
    static String origin(URI uri) {
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }
}
