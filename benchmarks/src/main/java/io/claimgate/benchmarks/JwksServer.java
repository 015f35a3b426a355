package io.claimgate.benchmarks;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark's identity provider: the public half of {@link TokenPool#keys()} served by the
 * JDK's HTTP server on 127.0.0.1 (random port). Every handler fetches it over HTTP exactly as it
 * would from a real IdP; {@link #requests()} shows that none refetches while being measured.
 */
final class JwksServer implements AutoCloseable {
    static final String PATH = "/realms/bench/protocol/openid-connect/certs";

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    JwksServer(JWKSet keys) {
        byte[] body = keys.toPublicJWKSet().toString(true).getBytes(StandardCharsets.UTF_8);
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** e.g. {@code http://127.0.0.1:41234/realms/bench/protocol/openid-connect/certs} */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
