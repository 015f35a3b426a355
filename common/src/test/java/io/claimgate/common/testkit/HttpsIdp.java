package io.claimgate.common.testkit;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * An HTTPS identity provider on localhost with the {@link TestPki} server certificate (signed by
 * the test CA), answering fixed JSON documents; with client authentication on, it accepts only
 * clients presenting a certificate signed by the test CA. Counts the requests that got through
 * the handshake.
 */
public final class HttpsIdp implements AutoCloseable {
    private final HttpsServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private HttpsIdp(KeyStore serverKeys, boolean requireClientCertificate) throws Exception {
        TestPki pki = TestPki.get();
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(serverKeys, TestPki.STORE_PASSWORD.toCharArray());
        TrustManagerFactory clients = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        clients.init(pki.caTrustStore());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), clients.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(requireClientCertificate);
                parameters.setSSLParameters(ssl);
            }
        });
        server.start();
    }

    /** Server authentication only. */
    public static HttpsIdp start() throws Exception {
        return new HttpsIdp(TestPki.get().serverKeyStore(), false);
    }

    /** Server authentication with a certificate the test CA signed for another host than localhost. */
    public static HttpsIdp forAnotherHost() throws Exception {
        return new HttpsIdp(TestPki.get().otherHostKeyStore(), false);
    }

    /** Mutual TLS: the client must present a certificate the test CA signed. */
    public static HttpsIdp requiringClientCertificate() throws Exception {
        return new HttpsIdp(TestPki.get().serverKeyStore(), true);
    }

    /** Answers {@code path} with {@code json} (any method). */
    public HttpsIdp serve(String path, String json) {
        server.createContext(path, exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                requests.incrementAndGet();
                byte[] body = json.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        return this;
    }

    /** {@code https://localhost:<port><path>}: the name the server certificate is for. */
    public URI uri(String path) {
        return URI.create("https://localhost:" + server.getAddress().getPort() + path);
    }

    /** Requests answered (each got through the TLS handshake). */
    public int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
