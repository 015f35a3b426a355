package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.claimgate.common.config.InvalidOptionException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code oauth.http.proxy.uri}: token requests go through a real forward proxy (WireMock in proxy mode). */
class ProxyToTheIdpTest {
    private MockOAuth2Server idp;
    private WireMockServer proxy;

    @BeforeEach
    void start() {
        idp = new MockOAuth2Server();
        idp.start();
        proxy = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1")
                .enableBrowserProxying(true));
        proxy.start();
    }

    @AfterEach
    void stop() {
        proxy.stop();
        idp.shutdown();
    }

    private Map<String, String> options(String... more) {
        Map<String, String> options = new HashMap<>(Map.of(
                "oauth.token.endpoint.uri", idp.tokenEndpointUrl("default").toString(),
                "oauth.client.id", "proxied-client",
                "oauth.client.secret", "proxied-secret"));
        for (int i = 0; i < more.length; i += 2) {
            options.put(more[i], more[i + 1]);
        }
        return options;
    }

    @Test
    void theTokenRequestGoesThroughTheProxy() throws Exception {
        OAuthLoginCallbackHandler handler = Handlers.configured(options(
                "oauth.http.proxy.uri", "http://127.0.0.1:" + proxy.port()));
        try {
            assertEquals("proxied-client", Handlers.token(handler).principalName());
        } finally {
            handler.close();
        }

        List<ServeEvent> proxied = proxy.getAllServeEvents();
        assertEquals(1, proxied.size(), "the proxy forwarded the one request");
        assertEquals(idp.tokenEndpointUrl("default").toString(), proxied.get(0).getRequest().getAbsoluteUrl());
        assertEquals(200, proxied.get(0).getResponse().getStatus());
        assertEquals("/default/token", idp.takeRequest().getPath(), "and the IdP answered it");
    }

    @Test
    void withoutTheOptionTheProxyIsNotUsed() throws Exception {
        OAuthLoginCallbackHandler handler = Handlers.configured(options());
        try {
            Handlers.token(handler);
        } finally {
            handler.close();
        }
        assertEquals(0, proxy.getAllServeEvents().size());
    }

    @Test
    void aProxyThatIsDownFailsTheLoginAsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        OAuthLoginCallbackHandler handler = Handlers.configured(options(
                "oauth.http.proxy.uri", "http://127.0.0.1:" + closedPort, "oauth.http.retries", "0"));
        try {
            TokenRetrievalException e = assertThrows(TokenRetrievalException.class, () -> Handlers.token(handler));
            assertEquals(TokenFailureReason.UNREACHABLE, e.reason());
        } finally {
            handler.close();
        }
    }

    @Test
    void onlyPlainHttpHostAndPortOfAProxyIsAccepted() {
        for (String bad : List.of("https://proxy.example:3128", "http://proxy.example", "http://proxy.example:3128/path",
                "http://user:pw@proxy.example:3128", "proxy.example:3128")) {
            InvalidOptionException e = assertThrows(InvalidOptionException.class,
                    () -> Handlers.configured(options("oauth.http.proxy.uri", bad)), bad);
            assertTrue(e.getMessage().contains("oauth.http.proxy.uri"), e.getMessage());
            assertTrue(!e.getMessage().contains("pw"), "no password quoted: " + e.getMessage());
        }
    }
}
