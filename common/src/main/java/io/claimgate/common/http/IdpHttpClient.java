package io.claimgate.common.http;

import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The one HTTP client claimgate uses to reach an identity provider (token, JWKS, discovery and
 * introspection endpoints). Bounded: connect and response timeouts, a response size cap, a fixed
 * number of retries with exponential backoff and jitter for transient failures (IO errors, 5xx, 408, 429).
 * A {@code Retry-After} on a 429 or 503 is honoured when it is within
 * {@code oauth.http.retry.backoff.max.ms}; a longer one ends the retries at once (the server said
 * asking sooner is pointless). Failures that cannot heal by asking again (a certificate or host
 * name that does not verify, an oversized response, an interrupt) are not retried. Redirects are
 * never followed: only configured URLs are fetched. Thread-safe.
 */
public final class IdpHttpClient {
    /** No limit beyond the timeouts. */
    private static final Duration NO_LIMIT = Duration.ofDays(365);

    /** Responses larger than this are refused: no IdP document needs more. */
    public static final int MAX_RESPONSE_BYTES = 1024 * 1024;

    private final HttpSettings settings;
    private final HttpClient client;

    public IdpHttpClient(HttpSettings settings) {
        this.settings = settings;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1);
        settings.sslContext().ifPresent(builder::sslContext);
        settings.proxy().ifPresent(proxy -> builder.proxy(ProxySelector.of(proxy)));
        this.client = builder.build();
    }

    public HttpSettings settings() {
        return settings;
    }

    public IdpResponse get(URI uri, Map<String, String> headers) throws IOException {
        return get(uri, headers, NO_LIMIT);
    }

    /**
     * As {@link #get(URI, Map)}, all attempts together cut off after {@code limit} (when that is
     * shorter than the timeouts): for a caller with a time budget of its own.
     */
    public IdpResponse get(URI uri, Map<String, String> headers, Duration limit) throws IOException {
        HttpRequest request = build(HttpRequest.newBuilder(uri).GET(), headers);
        return send(() -> request, limit);
    }

    /** POSTs an {@code application/x-www-form-urlencoded} body. */
    public IdpResponse postForm(URI uri, Map<String, String> form, Map<String, String> headers) throws IOException {
        return postForm(uri, form, headers, NO_LIMIT);
    }

    /** As {@link #postForm(URI, Map, Map)}, cut off after {@code limit} as {@link #get(URI, Map, Duration)}. */
    public IdpResponse postForm(URI uri, Map<String, String> form, Map<String, String> headers, Duration limit)
            throws IOException {
        return send(formRequest(uri, (f, h) -> {
            f.putAll(form);
            h.putAll(headers);
        }), limit);
    }

    /**
     * POSTs an {@code application/x-www-form-urlencoded} body that {@code perAttempt} fills anew for
     * every attempt: a client assertion must not be sent twice (its {@code jti} is single-use, and
     * its short expiry could pass while retries back off). A failure of {@code perAttempt} ends
     * the call without retry.
     */
    public IdpResponse postForm(URI uri, FormFiller perAttempt) throws IOException {
        return send(formRequest(uri, perAttempt), NO_LIMIT);
    }

    private RequestMaker formRequest(URI uri, FormFiller perAttempt) {
        return () -> {
            Map<String, String> form = new LinkedHashMap<>();
            Map<String, String> headers = new LinkedHashMap<>();
            perAttempt.fill(form, headers);
            String body = form.entrySet().stream()
                    .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                    .collect(Collectors.joining("&"));
            return build(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)), headers);
        };
    }

    /** Fills the form fields and headers of one request attempt. */
    @FunctionalInterface
    public interface FormFiller {
        void fill(Map<String, String> form, Map<String, String> headers) throws IOException;
    }

    /** Makes the request of one attempt. */
    @FunctionalInterface
    private interface RequestMaker {
        HttpRequest make() throws IOException;
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest build(HttpRequest.Builder builder, Map<String, String> headers) {
        builder.timeout(settings.readTimeout()).header("Accept", "application/json");
        headers.forEach(builder::header);
        return builder.build();
    }

    /** The attempts of one call, all of them within {@code limit}: no attempt or backoff past it. */
    private IdpResponse send(RequestMaker maker, Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        int attempt = 0;
        while (true) {
            HttpRequest request = maker.make();
            Duration pause = settings.jitteredBackoffBefore(attempt + 1, ThreadLocalRandom.current()::nextLong);
            boolean retriesLeft = attempt < settings.retries();
            try {
                Attempt answer = sendOnce(request, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                if (!retriesLeft || !isTransient(answer.response().status()) || !timeLeftFor(pause, deadline)) {
                    return answer.response();
                }
                if (answer.retryAfter().isPresent()) {
                    if (answer.retryAfter().get().compareTo(settings.backoffMax()) > 0) {
                        return answer.response();
                    }
                    pause = answer.retryAfter().get().compareTo(pause) > 0 ? answer.retryAfter().get() : pause;
                    if (deadline - System.nanoTime() <= pause.toNanos()) {
                        return answer.response();   // the wait asked for is past the caller's limit
                    }
                }
            } catch (IOException e) {
                if (!retriesLeft || !isRetryable(e) || !timeLeftFor(pause, deadline)) {
                    throw new IOException("request to " + request.uri() + " failed after " + (attempt + 1)
                            + " attempt(s): " + describe(e), e);
                }
            }
            attempt++;
            sleep(pause.toMillis());
        }
    }

    /**
     * Whether a backoff of {@code pause} and another try fit before {@code deadline}: asked after an
     * attempt, whose own time counts (an attempt cut off at the limit leaves none).
     */
    private static boolean timeLeftFor(Duration pause, long deadline) {
        return deadline - System.nanoTime() > pause.toNanos();
    }

    /** One attempt's answer, and how long the server asked us to wait before the next. */
    private static final class Attempt {
        private final IdpResponse response;
        private final Optional<Duration> retryAfter;

        Attempt(IdpResponse response, Optional<Duration> retryAfter) {
            this.response = response;
            this.retryAfter = retryAfter;
        }

        IdpResponse response() {
            return response;
        }

        Optional<Duration> retryAfter() {
            return retryAfter;
        }
    }

    /**
     * One attempt, bounded as a whole: the JDK client's request timeout stops counting once the
     * headers arrive, so a server that stalls mid-body would otherwise hold the caller forever.
     * Waiting on the future with a deadline bounds headers and body together.
     */
    private Attempt sendOnce(HttpRequest request, Duration limit) throws IOException {
        Duration timeouts = settings.readTimeout().plus(settings.connectTimeout());
        Duration cutOff = limit.compareTo(timeouts) < 0 ? limit : timeouts;
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, info -> new LimitedBodySubscriber(MAX_RESPONSE_BYTES));
        try {
            HttpResponse<byte[]> response = future.get(cutOff.toNanos(), TimeUnit.NANOSECONDS);
            int status = response.statusCode();
            Optional<Duration> retryAfter = status == 429 || status == 503
                    ? RetryAfter.parse(response.headers().firstValue("Retry-After"), Instant.now())
                    : Optional.empty();
            return new Attempt(new IdpResponse(status, new String(response.body(), StandardCharsets.UTF_8)), retryAfter);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response from " + request.uri() + " within "
                    + cutOff.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException ? e.getCause().getCause() : e.getCause();
            if (cause instanceof IOException) {
                throw (IOException) cause;
            }
            throw new IOException("request to " + request.uri() + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling " + request.uri(), e);
        }
    }

    private static boolean isTransient(int status) {
        return status >= 500 || status == 429 || status == 408;
    }

    /**
     * Whether asking again could help. Not for a certificate or host name that does not verify
     * (the same certificate comes back), an oversized response, or an interrupt (the caller wants
     * out). Connect errors, resets and timeouts are worth another attempt.
     */
    private static boolean isRetryable(IOException e) {
        if (Thread.currentThread().isInterrupted()) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof LimitedBodySubscriber.TooLargeException
                    || t instanceof CertificateException || t instanceof CertPathValidatorException
                    || t instanceof SSLPeerUnverifiedException) {
                return false;
            }
        }
        return true;
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to retry", e);
        }
    }
}
