package io.claimgate.common.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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

    private IdpResponse sendOnce(HttpRequest request) throws IOException {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
                if (bytes.length > MAX_RESPONSE_BYTES) {
                    throw new IOException("response from " + request.uri() + " is larger than "
                            + MAX_RESPONSE_BYTES + " bytes");
                }
                return new IdpResponse(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
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
