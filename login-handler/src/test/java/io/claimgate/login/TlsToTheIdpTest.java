package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static io.claimgate.login.HttpsIdpLogin.TOKEN_RESPONSE;
import static io.claimgate.login.HttpsIdpLogin.TRUST;
import static io.claimgate.login.HttpsIdpLogin.mentionsTls;
import static io.claimgate.login.HttpsIdpLogin.options;
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

    @Test
    void anIdpCertificateNobodyTrustsIsRefused() throws Exception {
        try (HttpsIdp idp = HttpsIdp.start().serve("/token", TOKEN_RESPONSE)) {
            IOException e = assertThrows(IOException.class, () -> Handlers.token(Handlers.configured(options(idp, Map.of()))));

            assertTrue(mentionsTls(e), e.getMessage());
            assertEquals(0, idp.requests(), "no request reached the endpoint: the handshake failed first");
            assertFalse(e.getMessage().contains(HttpsIdpLogin.CLIENT_SECRET), e.getMessage());
        }
    }

    @Test
    void theConfiguredTrustStoreMakesTheIdpTrusted() throws Exception {
        try (HttpsIdp idp = HttpsIdp.start().serve("/token", TOKEN_RESPONSE)) {
            assertEquals(HttpsIdpLogin.TOKEN, Handlers.token(Handlers.configured(options(idp, TRUST))).value());
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
            assertEquals(HttpsIdpLogin.TOKEN, Handlers.token(Handlers.configured(options(idp, mtls))).value());
            assertEquals(1, idp.requests());
        }
    }
}
