package io.claimgate.server.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in RFC 7662 introspection endpoint on 127.0.0.1: answers per token what the test set
 * ({@code {"active":false}} for unknown tokens), checks client_secret_basic, counts requests, and can
 * be slow, fail or hang.
 */
public final class IntrospectionServer implements AutoCloseable {
    public enum Mode { SERVE, FAIL_503, HANG }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-introspection-server");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch released = new CountDownLatch(1);
    private final Map<String, String> answers = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final String expectedAuthorization;
    private volatile Mode mode = Mode.SERVE;
    private volatile long delayMs;
    private volatile String lastBody = "";

    public IntrospectionServer(String clientId, String secret) throws IOException {
        // RFC 6749 §2.3.1: id and secret are form-urlencoded before base64.
        expectedAuthorization = "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(clientId,
                StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/introspect", this::serve);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/introspect");
    }

    /** What the endpoint answers for {@code token} (a JSON object). */
    public void answer(String token, String json) {
        answers.put(token, json);
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public void delay(long millis) {
        this.delayMs = millis;
    }

    public int requests() {
        return requests.get();
    }

    public String lastBody() {
        return lastBody;
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        lastBody = body;
        if (mode == Mode.HANG) {
            await();
            exchange.close();
            return;
        }
        if (mode == Mode.FAIL_503) {
            respond(exchange, 503, "{}");
            return;
        }
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respond(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String token = "";
        for (String pair : body.split("&")) {
            if (pair.startsWith("token=")) {
                token = URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
            }
        }
        respond(exchange, 200, answers.getOrDefault(token, "{\"active\":false}"));
    }

    private void await() {
        try {
            released.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        JsonResponses.respond(exchange, status, body);
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
