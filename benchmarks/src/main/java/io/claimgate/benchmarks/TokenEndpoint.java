package io.claimgate.benchmarks;

import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark IdP's OAuth token endpoint (client credentials grant) on 127.0.0.1, for one client:
 * a request naming {@code clientId} (form field or HTTP Basic) with {@code grant_type=client_credentials}
 * gets a fresh token signed by {@link TokenPool}'s key (sub = the client id), anything else a 401. The
 * producer of {@link ProduceThroughput} logs in through claimgate's real login handler against it, so
 * its connections authenticate as a deployed client's do; {@link #tokensIssued()} shows that it did.
 * The secret is not checked: this IdP exists for one benchmark run on the loopback interface.
 */
final class TokenEndpoint implements AutoCloseable {
    static final String PATH = "/realms/bench/protocol/openid-connect/token";
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final HttpServer server;
    private final AtomicInteger issued = new AtomicInteger();

    TokenEndpoint(JWKSet keys, String alg, String clientId) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(PATH, exchange -> {
            String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!form.contains("grant_type=client_credentials") || !names(exchange, form, clientId)) {
                respond(exchange, 401, "{\"error\":\"invalid_client\"}");
                return;
            }
            issued.incrementAndGet();
            respond(exchange, 200, "{\"access_token\":\"" + TokenPool.tokenFor(keys, alg, clientId, LIFETIME)
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":" + LIFETIME.toSeconds() + "}");
        });
        server.start();
    }

    private static boolean names(HttpExchange exchange, String form, String clientId) {
        if (form.contains("client_id=" + clientId)) {
            return true;
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        return decoded.startsWith(clientId + ":");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** e.g. {@code http://127.0.0.1:41234/realms/bench/protocol/openid-connect/token} */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    int tokensIssued() {
        return issued.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
