package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.common.testkit.HttpsIdp;
import io.claimgate.common.testkit.TestPki;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TLS to the IdP with real certificates (the test CA of {@link TestPki}) and a real HTTPS token
 * endpoint, with PKCS12 stores: verification is on unless a trust store says otherwise, a
 * certificate for another host is refused even when its CA is trusted, and mutual TLS presents the
 * configured client certificate. (PEM: {@link PemTlsToTheIdpTest}.)
 */
class TlsToTheIdpTest {
    private static final TestPki PKI = TestPki.get();
    private static final String TOKEN_RESPONSE =
            "{\"access_token\":\"opaque-over-tls\",\"token_type\":\"Bearer\",\"expires_in\":300}";
    private static final Map<String, String> TRUST = Map.of(
            "oauth.ssl.truststore.location", PKI.caTrustStoreFile().toString(),
            "oauth.ssl.truststore.password", TestPki.STORE_PASSWORD);

    @Test
    void anIdpCertificateNobodyTrustsIsRefused() throws Exception {
        try (HttpsIdp idp = HttpsIdp.start().serve("/token", TOKEN_RESPONSE)) {
            IOException e = assertThrows(IOException.class, () -> Handlers.token(Handlers.configured(options(idp, Map.of()))));

            assertTrue(mentionsTls(e), e.getMessage());
            assertEquals(0, idp.requests(), "no request reached the endpoint: the handshake failed first");
            assertFalse(e.getMessage().contains("client-secret-1"), e.getMessage());
        }
    }

    @Test
    void theConfiguredTrustStoreMakesTheIdpTrusted() throws Exception {
        try (HttpsIdp idp = HttpsIdp.start().serve("/token", TOKEN_RESPONSE)) {
            assertEquals("opaque-over-tls", Handlers.token(Handlers.configured(options(idp, TRUST))).value());
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsStillRefused() throws Exception {
        try (HttpsIdp idp = HttpsIdp.forAnotherHost().serve("/token", TOKEN_RESPONSE)) {
            IOException e = assertThrows(IOException.class, () -> Handlers.token(Handlers.configured(options(idp, TRUST))));

            assertTrue(mentionsTls(e), e.getMessage());
            assertEquals(0, idp.requests());
        }
    }

    @Test
    void mutualTlsPresentsTheConfiguredClientCertificate() throws Exception {
        try (HttpsIdp idp = HttpsIdp.requiringClientCertificate().serve("/token", TOKEN_RESPONSE)) {
            IOException withoutCertificate = assertThrows(IOException.class,
                    () -> Handlers.token(Handlers.configured(options(idp, TRUST))));
            assertEquals(0, idp.requests(), withoutCertificate.getMessage());

            Map<String, String> mtls = new HashMap<>(TRUST);
            mtls.put("oauth.ssl.keystore.location", PKI.clientKeyStoreFile().toString());
            mtls.put("oauth.ssl.keystore.password", TestPki.STORE_PASSWORD);
            assertEquals("opaque-over-tls", Handlers.token(Handlers.configured(options(idp, mtls))).value());
            assertEquals(1, idp.requests());
        }
    }

    private static Map<String, String> options(HttpsIdp idp, Map<String, String> tls) {
        Map<String, String> options = new HashMap<>(tls);
        options.put("oauth.token.endpoint.uri", idp.uri("/token").toString());
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
}
