package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static io.claimgate.login.HttpsIdpLogin.TOKEN_RESPONSE;
import static io.claimgate.login.HttpsIdpLogin.TRUST;
import static io.claimgate.login.HttpsIdpLogin.mentionsTls;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.testkit.HttpsIdp;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An HTTPS IdP reached through a CONNECT proxy ({@code oauth.http.proxy.uri}): the TLS session is
 * with the IdP, end to end, so the proxy sees ciphertext only and every certificate check still
 * holds through the tunnel.
 */
class TlsThroughConnectProxyTest {
    @Test
    void theTlsSessionIsWithTheIdpAndVerified() throws Exception {
        try (HttpsIdp idp = HttpsIdp.start().serve("/token", TOKEN_RESPONSE); ConnectProxy proxy = new ConnectProxy()) {
            assertEquals(HttpsIdpLogin.TOKEN, Handlers.token(Handlers.configured(options(idp, proxy, TRUST))).value());

            assertEquals(List.of("localhost:" + idp.uri("/").getPort()), proxy.targets(),
                    "one CONNECT tunnel to the IdP's host and port");
            String tunnelled = proxy.tunnelledFromClients();
            assertFalse(tunnelled.isEmpty(), "the request went through the tunnel");
            assertFalse(tunnelled.contains("grant_type") || tunnelled.contains(HttpsIdpLogin.CLIENT_SECRET)
                    || tunnelled.contains("POST /token"), "the proxy saw only ciphertext");
            assertEquals(1, idp.requests());
        }
    }

    @Test
    void anUntrustedIdpCertificateIsStillRefused() throws Exception {
        try (HttpsIdp idp = HttpsIdp.start().serve("/token", TOKEN_RESPONSE); ConnectProxy proxy = new ConnectProxy()) {
            IOException e = assertThrows(IOException.class,
                    () -> Handlers.token(Handlers.configured(options(idp, proxy, Map.of()))));

            assertTrue(mentionsTls(e), e.getMessage());
            assertEquals(1, proxy.targets().size(), "the tunnel was opened");
            assertEquals(0, idp.requests(), "the handshake through the tunnel failed before any request");
        }
    }

    @Test
    void aCertificateForAnotherHostIsStillRefused() throws Exception {
        try (HttpsIdp idp = HttpsIdp.forAnotherHost().serve("/token", TOKEN_RESPONSE); ConnectProxy proxy = new ConnectProxy()) {
            IOException e = assertThrows(IOException.class,
                    () -> Handlers.token(Handlers.configured(options(idp, proxy, TRUST))));

            assertTrue(mentionsTls(e), e.getMessage());
            assertEquals(0, idp.requests());
        }
    }

    /** The login of {@link HttpsIdpLogin#options}, through {@code proxy}. */
    private static Map<String, String> options(HttpsIdp idp, ConnectProxy proxy, Map<String, String> tls) {
        Map<String, String> options = new HashMap<>(HttpsIdpLogin.options(idp, tls));
        options.put("oauth.http.proxy.uri", "http://127.0.0.1:" + proxy.port());
        return options;
    }
}
