package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS to the IdP with real certificates (made by the JDK's keytool) and a real HTTPS token endpoint:
 * verification is on unless a trust store says otherwise, a certificate for another host is refused
 * even when trusted, and mutual TLS presents the configured client certificate. Through a
 * CONNECT proxy ({@code oauth.http.proxy.uri}) the same checks hold end to end.
 */
class TlsToTheIdpTest {
    private static final String PASSWORD = "test-store-pass";

    @TempDir
    static Path dir;
    /** Server certificate for localhost and 127.0.0.1. */
    static Path serverStore;
    /** Server certificate for another host name only. */
    static Path otherHostStore;
    /** Client certificate for mTLS. */
    static Path clientStore;
    static Path trustServer;
    static Path trustOtherHost;
    static Path trustClient;

    private HttpsServer server;
    private final AtomicInteger tokenRequests = new AtomicInteger();

    @BeforeAll
    static void makeCertificates() throws Exception {
        serverStore = keyPair("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
        otherHostStore = keyPair("other", "CN=idp.elsewhere.example", "SAN=dns:idp.elsewhere.example");
        clientStore = keyPair("client", "CN=kafka-client-1", null);
        trustServer = trustStoreOf(serverStore, "server");
        trustOtherHost = trustStoreOf(otherHostStore, "other");
        trustClient = trustStoreOf(clientStore, "client");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anIdpCertificateNobodyTrustsIsRefused() throws Exception {
        startIdp(serverStore, null);

        IOException e = assertThrows(IOException.class, () -> Handlers.token(Handlers.configured(options(Map.of()))));

        assertTrue(mentionsTls(e), e.getMessage());
        assertEquals(0, tokenRequests.get(), "no request reached the endpoint: the handshake failed first");
        assertFalse(e.getMessage().contains("client-secret-1"), e.getMessage());
    }

    @Test
    void theConfiguredTrustStoreMakesTheIdpTrusted() throws Exception {
        startIdp(serverStore, null);

        ClientAccessToken token = Handlers.token(Handlers.configured(options(Map.of(
                "oauth.ssl.truststore.location", trustServer.toString(),
                "oauth.ssl.truststore.password", PASSWORD))));

        assertEquals("opaque-over-tls", token.value());
    }

    @Test
    void aTrustedCertificateForAnotherHostIsStillRefused() throws Exception {
        startIdp(otherHostStore, null);

        IOException e = assertThrows(IOException.class, () -> Handlers.token(Handlers.configured(options(Map.of(
                "oauth.ssl.truststore.location", trustOtherHost.toString(),
                "oauth.ssl.truststore.password", PASSWORD)))));

        assertTrue(mentionsTls(e), e.getMessage());
        assertEquals(0, tokenRequests.get());
    }

    @Test
    void mutualTlsPresentsTheConfiguredClientCertificate() throws Exception {
        startIdp(serverStore, trustClient);
        Map<String, String> trust = Map.of("oauth.ssl.truststore.location", trustServer.toString(),
                "oauth.ssl.truststore.password", PASSWORD);

        IOException withoutCertificate = assertThrows(IOException.class,
                () -> Handlers.token(Handlers.configured(options(trust))));
        assertEquals(0, tokenRequests.get(), withoutCertificate.getMessage());

        Map<String, String> mtls = new HashMap<>(trust);
        mtls.put("oauth.ssl.keystore.location", clientStore.toString());
        mtls.put("oauth.ssl.keystore.password", PASSWORD);
        assertEquals("opaque-over-tls", Handlers.token(Handlers.configured(options(mtls))).value());
        assertEquals(1, tokenRequests.get());
    }

    @Test
    void throughAConnectProxyTheTlsSessionIsWithTheIdpAndVerified() throws Exception {
        startIdp(serverStore, null);
        try (ConnectProxy proxy = new ConnectProxy()) {
            Map<String, String> viaProxy = new HashMap<>(Map.of(
                    "oauth.ssl.truststore.location", trustServer.toString(),
                    "oauth.ssl.truststore.password", PASSWORD,
                    "oauth.http.proxy.uri", "http://127.0.0.1:" + proxy.port()));

            assertEquals("opaque-over-tls", Handlers.token(Handlers.configured(options(viaProxy))).value());

            assertEquals(List.of("localhost:" + server.getAddress().getPort()), proxy.targets(),
                    "one CONNECT tunnel to the IdP's host and port");
            String tunnelled = proxy.tunnelledFromClients();
            assertFalse(tunnelled.isEmpty(), "the request went through the tunnel");
            assertFalse(tunnelled.contains("grant_type") || tunnelled.contains("client-secret-1")
                    || tunnelled.contains("POST /token"), "the proxy saw only ciphertext");
            assertEquals(1, tokenRequests.get());
        }
    }

    @Test
    void throughAConnectProxyAnUntrustedIdpCertificateIsStillRefused() throws Exception {
        startIdp(serverStore, null);
        try (ConnectProxy proxy = new ConnectProxy()) {
            IOException e = assertThrows(IOException.class, () -> Handlers.token(Handlers.configured(options(Map.of(
                    "oauth.http.proxy.uri", "http://127.0.0.1:" + proxy.port())))));

            assertTrue(mentionsTls(e), e.getMessage());
            assertEquals(1, proxy.targets().size(), "the tunnel was opened");
            assertEquals(0, tokenRequests.get(), "the handshake through the tunnel failed before any request");
        }
    }

    @Test
    void throughAConnectProxyACertificateForAnotherHostIsStillRefused() throws Exception {
        startIdp(otherHostStore, null);
        try (ConnectProxy proxy = new ConnectProxy()) {
            IOException e = assertThrows(IOException.class, () -> Handlers.token(Handlers.configured(options(Map.of(
                    "oauth.ssl.truststore.location", trustOtherHost.toString(),
                    "oauth.ssl.truststore.password", PASSWORD,
                    "oauth.http.proxy.uri", "http://127.0.0.1:" + proxy.port())))));

            assertTrue(mentionsTls(e), e.getMessage());
            assertEquals(0, tokenRequests.get());
        }
    }

    private Map<String, String> options(Map<String, String> tls) {
        Map<String, String> options = new HashMap<>(tls);
        options.put("oauth.token.endpoint.uri", "https://localhost:" + server.getAddress().getPort() + "/token");
        options.put("oauth.client.id", "client-1");
        options.put("oauth.client.secret", "client-secret-1");
        options.put("oauth.http.retries", "0");
        return options;
    }

    private static boolean mentionsTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = String.valueOf(t.getMessage()).toLowerCase();
            if (t instanceof javax.net.ssl.SSLException || text.contains("certificate") || text.contains("tls")
                    || text.contains("ssl") || text.contains("handshake")) {
                return true;
            }
        }
        return false;
    }

    /** An HTTPS token endpoint on localhost; with {@code clientTrust} it requires a client certificate. */
    private void startIdp(Path keyStore, Path clientTrust) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore), PASSWORD.toCharArray());
        TrustManagerFactory trust = null;
        if (clientTrust != null) {
            trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(load(clientTrust));
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                javax.net.ssl.SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
                ssl.setNeedClientAuth(clientTrust != null);
                parameters.setSSLParameters(ssl);
            }
        });
        server.createContext("/token", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                tokenRequests.incrementAndGet();
                byte[] body = "{\"access_token\":\"opaque-over-tls\",\"token_type\":\"Bearer\",\"expires_in\":300}"
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        server.start();
    }

    private static KeyStore load(Path file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static Path keyPair(String name, String dname, String extension) throws Exception {
        Path store = dir.resolve(name + ".p12");
        List<String> command = new java.util.ArrayList<>(List.of(keytool(), "-genkeypair", "-alias", name,
                "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", dname,
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (extension != null) {
            command.addAll(List.of("-ext", extension));
        }
        run(command);
        return store;
    }

    private static Path trustStoreOf(Path keyStore, String alias) throws Exception {
        Path certificate = dir.resolve(alias + ".crt");
        run(List.of(keytool(), "-exportcert", "-alias", alias, "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-rfc", "-file", certificate.toString()));
        Path trust = dir.resolve(alias + "-trust.p12");
        run(List.of(keytool(), "-importcert", "-noprompt", "-alias", alias, "-file", certificate.toString(),
                "-storetype", "PKCS12", "-keystore", trust.toString(), "-storepass", PASSWORD));
        return trust;
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static void run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + command.get(1) + ": " + output);
        }
    }
}
