package io.claimgate.common.http;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The one HTTP client claimgate uses to reach an identity provider (token, JWKS, discovery and
 * introspection endpoints). Bounded: connect and response timeouts, a response size cap, a fixed
 * number of retries with exponential backoff for transient failures (IO errors, 5xx, 429).
 * Redirects are never followed: only configured URLs are fetched. Thread-safe.
 */
public final class IdpHttpClient {
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
        this.client = builder.build();
    }

    public HttpSettings settings() {
        return settings;
    }

    public IdpResponse get(URI uri, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        return send(request, headers);
    }

    /** POSTs an {@code application/x-www-form-urlencoded} body. */
    public IdpResponse postForm(URI uri, Map<String, String> form, Map<String, String> headers) throws IOException {
        String body = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return send(request, headers);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private IdpResponse send(HttpRequest.Builder builder, Map<String, String> headers) throws IOException {
        builder.timeout(settings.readTimeout()).header("Accept", "application/json");
        headers.forEach(builder::header);
        HttpRequest request = builder.build();
        int attempt = 0;
        while (true) {
            try {
                IdpResponse response = sendOnce(request);
                if (attempt >= settings.retries() || !isTransient(response.status())) {
                    return response;
                }
            } catch (IOException e) {
                if (attempt >= settings.retries()) {
                    throw new IOException("request to " + request.uri() + " failed after " + (attempt + 1)
                            + " attempt(s): " + describe(e), e);
                }
            }
            attempt++;
            sleep(settings.backoffBefore(attempt).toMillis());
        }
    }

    /**
     * One attempt, bounded as a whole: the JDK client's request timeout stops counting once the
     * headers arrive, so a server that stalls mid-body would otherwise hold the caller forever.
     * Waiting on the future with a deadline bounds headers and body together.
     */
    private IdpResponse sendOnce(HttpRequest request) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, info -> new LimitedBodySubscriber(MAX_RESPONSE_BYTES));
        try {
            HttpResponse<byte[]> response = future.get(settings.readTimeout().plus(settings.connectTimeout()).toMillis(),
                    TimeUnit.MILLISECONDS);
            return new IdpResponse(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new HttpTimeoutException("no complete response from " + request.uri() + " within "
                    + settings.readTimeout().plus(settings.connectTimeout()).toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof IOException io) {
                throw io;
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
