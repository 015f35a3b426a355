package io.claimgate.common.oidc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.claimgate.common.http.AllowedUrls;
import io.claimgate.common.http.HttpSettings;
import io.claimgate.common.http.IdpHttpClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OidcDiscoveryTest {
    private HttpServer server;
    private volatile String document;
    private final IdpHttpClient http = new IdpHttpClient(new HttpSettings(Duration.ofSeconds(2), Duration.ofSeconds(2),
            0, Duration.ZERO, Duration.ZERO, Optional.empty()));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/realm/.well-known/openid-configuration", exchange -> {
            byte[] body = document.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    URI issuer() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/realm");
    }

    @Test
    void findsTheEndpointsOfTheConfiguredIssuer() throws Exception {
        document = "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"" + issuer() + "/certs\","
                + "\"introspection_endpoint\":\"" + issuer() + "/introspect\"}";

        OidcMetadata metadata = OidcDiscovery.discover(http, issuer());

        assertEquals(URI.create(issuer() + "/certs"), metadata.endpoint(OidcMetadata.JWKS_URI, "oauth.jwks.endpoint.uri"));
        assertEquals(Optional.of(URI.create(issuer() + "/introspect")),
                metadata.optionalEndpoint(OidcMetadata.INTROSPECTION_ENDPOINT));
        assertEquals(Optional.empty(), metadata.optionalEndpoint(OidcMetadata.TOKEN_ENDPOINT));
        var e = assertThrows(DiscoveryException.class, () -> metadata.endpoint(OidcMetadata.TOKEN_ENDPOINT,
                "oauth.token.endpoint.uri"));
        assertTrue(e.getMessage().endsWith("has no token_endpoint; set oauth.token.endpoint.uri"), e.getMessage());
    }

    @Test
    void aDocumentOfAnotherIssuerIsRefused() {
        document = "{\"issuer\":\"http://evil.example/\",\"jwks_uri\":\"http://evil.example/certs\"}";

        var e = assertThrows(DiscoveryException.class, () -> OidcDiscovery.discover(http, issuer()));

        assertTrue(e.getMessage().contains("names issuer 'http://evil.example/', not the configured '" + issuer()),
                e.getMessage());
    }

    @Test
    void unusableEndpointsAreRefusedWhenAskedFor() throws Exception {
        document = "{\"issuer\":\"" + issuer() + "\",\"jwks_uri\":\"file:///etc/passwd\","
                + "\"introspection_endpoint\":\"https://elsewhere.example/introspect\"}";
        OidcMetadata metadata = OidcDiscovery.discover(http, issuer());

        var e = assertThrows(DiscoveryException.class, () -> metadata.endpoint(OidcMetadata.JWKS_URI, "x"));
        assertTrue(e.getMessage().contains("has a jwks_uri that is not an http(s) URL"), e.getMessage());

        System.setProperty(AllowedUrls.SYSTEM_PROPERTY, issuer() + "/certs");
        try {
            e = assertThrows(DiscoveryException.class, () -> metadata.optionalEndpoint(OidcMetadata.INTROSPECTION_ENDPOINT));
            assertTrue(e.getMessage().contains(AllowedUrls.SYSTEM_PROPERTY), e.getMessage());
        } finally {
            System.clearProperty(AllowedUrls.SYSTEM_PROPERTY);
        }
    }

    @Test
    void theWellKnownUriIgnoresATrailingSlash() {
        assertEquals(URI.create("https://idp.example/realms/a/.well-known/openid-configuration"),
                OidcDiscovery.wellKnownUri(URI.create("https://idp.example/realms/a/")));
    }

    @Test
    void anHttpsIssuersDocumentMayNotDowngradeAnEndpointToPlainHttp() throws Exception {
        URI httpsIssuer = URI.create("https://idp.example/realm");
        OidcMetadata metadata = new OidcMetadata(OidcDiscovery.wellKnownUri(httpsIssuer), httpsIssuer, java.util.Map.of(
                "issuer", httpsIssuer.toString(),
                "token_endpoint", "http://idp.example/realm/token",
                "jwks_uri", "https://keys.idp.example/certs"));

        var e = assertThrows(DiscoveryException.class, () -> metadata.endpoint(OidcMetadata.TOKEN_ENDPOINT,
                "oauth.token.endpoint.uri"));
        assertTrue(e.getMessage().contains("plain-http token_endpoint"), e.getMessage());
        assertEquals(URI.create("https://keys.idp.example/certs"),
                metadata.endpoint(OidcMetadata.JWKS_URI, "oauth.jwks.endpoint.uri"), "another https host is fine");
    }
}
