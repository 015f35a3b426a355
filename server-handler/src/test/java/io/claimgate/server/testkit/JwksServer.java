package io.claimgate.server.testkit;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in identity provider that publishes a JWKS on 127.0.0.1, counts how often it is asked,
 * and can misbehave on demand: fail, hang before answering, or hang half-way through the body.
 */
public final class JwksServer implements AutoCloseable {

    public enum Mode { SERVE, FAIL_503, HANG_BEFORE_HEADERS, HANG_IN_BODY }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-jwks-server");
        t.setDaemon(true);
        return t;
    });
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final AtomicInteger otherRequests = new AtomicInteger();
    private final AtomicInteger discoveryRequests = new AtomicInteger();
    private volatile String discoveryJson;
    private volatile boolean discoveryFails;
    private volatile String jwksJson = new JWKSet().toString();
    private volatile Mode mode = Mode.SERVE;

    private JwksServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/jwks", this::serveJwks);
        server.createContext("/realm/.well-known/openid-configuration", exchange -> {
            discoveryRequests.incrementAndGet();
            if (discoveryFails) {
                respond(exchange, 503, "{}");
            } else {
                respond(exchange, 200, discoveryJson != null ? discoveryJson
                        : "{\"issuer\":\"" + issuerUri() + "\",\"jwks_uri\":\"" + jwksUri() + "\"}");
            }
        });
        // Anything else (e.g. a jku a token points to) is counted: the validator must never come here.
        server.createContext("/", exchange -> {
            otherRequests.incrementAndGet();
            respond(exchange, 200, jwksJson);
        });
        server.start();
    }

    public static JwksServer publishing(JWK... keys) throws IOException {
        JwksServer jwks = new JwksServer();
        jwks.publish(keys);
        return jwks;
    }

    /** Replaces the published keys (their public halves, as a real IdP does). */
    public void publish(JWK... keys) {
        jwksJson = new JWKSet(List.of(keys)).toString(true);
    }

    /** Publishes a raw document, e.g. one an IdP got wrong. */
    public void publishRaw(String json) {
        jwksJson = json;
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    public URI jwksUri() {
        return uri("/jwks");
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The issuer whose discovery document this server publishes: {@code http://127.0.0.1:<port>/realm}. */
    public URI issuerUri() {
        return uri("/realm");
    }

    /** Replaces the discovery document (null = the default: this issuer and its /jwks). */
    public void publishDiscovery(String json) {
        discoveryJson = json;
    }

    public void failDiscovery(boolean fails) {
        discoveryFails = fails;
    }

    public int discoveryRequests() {
        return discoveryRequests.get();
    }

    /** Every request this server answered. */
    public int allRequests() {
        return jwksRequests.get() + otherRequests.get() + discoveryRequests.get();
    }

    public int jwksRequests() {
        return jwksRequests.get();
    }

    public int otherRequests() {
        return otherRequests.get();
    }

    private void serveJwks(HttpExchange exchange) throws IOException {
        jwksRequests.incrementAndGet();
        switch (mode) {
            case SERVE -> respond(exchange, 200, jwksJson);
            case FAIL_503 -> respond(exchange, 503, "{\"error\":\"down for maintenance\"}");
            case HANG_BEFORE_HEADERS -> hang();
            case HANG_IN_BODY -> {
                byte[] body = jwksJson.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                OutputStream out = exchange.getResponseBody();
                out.write(body, 0, body.length / 2);
                out.flush();
                hang();
            }
        }
        exchange.close();
    }

    private void hang() {
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
