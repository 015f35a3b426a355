package io.claimgate.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdpHttpClientTest {
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger calls = new AtomicInteger();
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.createContext("/flaky", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            int status = calls.incrementAndGet() < 3 ? 503 : 200;
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/stalls-mid-body", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"keys\":[".getBytes(StandardCharsets.UTF_8));
            out.flush();
            await();
            exchange.close();
        });
        server.createContext("/busy", exchange -> {
            String retryAfter = exchange.getRequestURI().getQuery();
            int status = calls.incrementAndGet() < 2 ? 429 : 200;
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.createContext("/huge", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 40; i++) {
                    out.write(chunk);
                }
            } catch (IOException expected) {
                // the client hung up, as it should
            }
        });
        server.start();
    }

    private void await() {
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static IdpHttpClient client(int retries, Duration timeout) {
        return new IdpHttpClient(new HttpSettings(timeout, timeout, retries, Duration.ofMillis(10),
                Duration.ofMillis(50), Optional.empty()));
    }

    @Test
    void transientErrorsAreRetried() throws Exception {
        IdpResponse response = client(2, Duration.ofSeconds(5)).get(uri("/flaky"), Map.of());
        assertEquals(200, response.status());
        assertEquals(3, calls.get());
    }

    @Test
    void withoutRetriesTheFirstAnswerIsFinal() throws Exception {
        assertEquals(503, client(0, Duration.ofSeconds(5)).get(uri("/flaky"), Map.of()).status());
        assertEquals(1, calls.get());
    }

    @Test
    void aBodyThatStallsIsBoundedByTheTimeouts() {
        long start = System.nanoTime();
        IOException e = assertThrows(IOException.class,
                () -> client(0, Duration.ofMillis(300)).get(uri("/stalls-mid-body"), Map.of()));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis < 5_000, "took " + millis + " ms: " + e);
    }

    @Test
    void aCallersLimitShorterThanTheTimeoutsCutsTheCallOffAtTheLimit() {
        // A broker's validation budget: the request stops at what is left of it, not at connect + read.
        IOException e = assertThrows(IOException.class, () -> client(0, Duration.ofSeconds(30))
                .get(uri("/stalls-mid-body"), Map.of(), Duration.ofMillis(200)));
        java.util.regex.Matcher cutOff = java.util.regex.Pattern.compile("within (\\d+) ms$").matcher(e.getMessage());
        assertTrue(cutOff.find(), e.getMessage());
        assertTrue(Long.parseLong(cutOff.group(1)) <= 200, "cut off by the limit, not the 60 s of timeouts: " + e);
    }

    @Test
    void noRetryIsStartedPastTheCallersLimit() {
        // The first attempt uses up the whole limit: there is no time left for a backoff and another try.
        IOException e = assertThrows(IOException.class, () -> client(1, Duration.ofSeconds(30))
                .get(uri("/stalls-mid-body"), Map.of(), Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("failed after 1 attempt(s)"), e.getMessage());
    }

    @Test
    void anOversizedBodyIsRefused() {
        IOException e = assertThrows(IOException.class,
                () -> client(0, Duration.ofSeconds(5)).get(uri("/huge"), Map.of()));
        assertTrue(String.valueOf(e.getMessage()).contains("larger than"), String.valueOf(e));
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        HttpSettings settings = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 5,
                Duration.ofMillis(100), Duration.ofMillis(350), Optional.empty());
        assertEquals(Duration.ofMillis(100), settings.backoffBefore(1));
        assertEquals(Duration.ofMillis(200), settings.backoffBefore(2));
        assertEquals(Duration.ofMillis(350), settings.backoffBefore(3));
        assertEquals(Duration.ofMillis(350), settings.backoffBefore(9));
    }

    @Test
    void aRetryAfterWithinTheBackoffBoundIsWaitedOut() throws Exception {
        IdpHttpClient client = new IdpHttpClient(new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 2,
                Duration.ofMillis(10), Duration.ofSeconds(5), Optional.empty()));
        long start = System.nanoTime();

        assertEquals(200, client.get(uri("/busy?1"), Map.of()).status());

        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(millis >= 900, "waited " + millis + " ms, the server asked for 1 s");
        assertEquals(2, calls.get());
    }

    @Test
    void aRetryAfterBeyondTheBackoffBoundEndsTheRetries() throws Exception {
        assertEquals(429, client(2, Duration.ofSeconds(5)).get(uri("/busy?120"), Map.of()).status());
        assertEquals(1, calls.get(), "asking again before the server's Retry-After is pointless");
    }

    @Test
    void anOversizedBodyIsNotRetried() {
        assertThrows(IOException.class, () -> client(2, Duration.ofSeconds(5)).get(uri("/huge"), Map.of()));
        assertEquals(1, calls.get(), "the same body would come back");
    }

    @Test
    void eachAttemptGetsAFreshlyFilledForm() throws Exception {
        AtomicInteger fills = new AtomicInteger();

        IdpResponse response = client(2, Duration.ofSeconds(5)).postForm(uri("/flaky"),
                (form, headers) -> form.put("assertion", "a" + fills.incrementAndGet()));

        assertEquals(200, response.status());
        assertEquals(List.of("assertion=a1", "assertion=a2", "assertion=a3"), bodies,
                "a single-use client assertion must not be sent twice");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-01-01T10:00:00Z");
        assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(Optional.of(" 7 "), now));
        assertEquals(Optional.of(Duration.ofSeconds(30)),
                RetryAfter.parse(Optional.of("Thu, 01 Jan 2026 10:00:30 GMT"), now));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse(Optional.of("Thu, 01 Jan 2026 09:00:00 GMT"), now));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("soon"), now));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.of("-5"), now));
        assertEquals(Optional.empty(), RetryAfter.parse(Optional.empty(), now));
    }
}
