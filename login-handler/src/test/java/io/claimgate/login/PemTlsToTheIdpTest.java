package io.claimgate.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.claimgate.common.testkit.HttpsIdp;
import io.claimgate.common.testkit.TestPki;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The login handler fetches its token over HTTPS trusting the IdP through PEM, the way
 * certificates arrive on Kubernetes, and authenticates with a PEM key and chain where the IdP
 * wants mutual TLS. Real certificates, a real HTTPS token endpoint.
 */
class PemTlsToTheIdpTest {
    private static final TestPki PKI = TestPki.get();
    private static final String TOKEN_RESPONSE =
            "{\"access_token\":\"opaque-over-pem-tls\",\"token_type\":\"Bearer\",\"expires_in\":300}";

    @Test
    void aPemTrustStoreMakesTheTokenEndpointTrusted() throws Exception {
        try (HttpsIdp idp = HttpsIdp.start().serve("/token", TOKEN_RESPONSE)) {
            assertThrows(IOException.class, () -> Handlers.token(Handlers.configured(options(idp, Map.of()))),
                    "without the CA the IdP is not trusted");

            ClientAccessToken token = Handlers.token(Handlers.configured(options(idp, Map.of(
                    "oauth.ssl.truststore.type", "PEM",
                    "oauth.ssl.truststore.location", PKI.caCertificate().toString()))));

            assertEquals("opaque-over-pem-tls", token.value());
            assertEquals(1, idp.requests());
        }
    }

    @Test
    void aPemKeyAndChainAuthenticateTheClientByMutualTls() throws Exception {
        Map<String, String> trust = Map.of("oauth.ssl.truststore.certificates", TestPki.read(PKI.caCertificate()));
        try (HttpsIdp idp = HttpsIdp.requiringClientCertificate().serve("/token", TOKEN_RESPONSE)) {
            assertThrows(IOException.class, () -> Handlers.token(Handlers.configured(options(idp, trust))));
            assertEquals(0, idp.requests(), "no client certificate: the handshake fails before any request");

            Map<String, String> mtls = new HashMap<>(trust);
            mtls.put("oauth.ssl.keystore.key", PKI.encryptedClientKey("key-pass-1"));
            mtls.put("oauth.ssl.keystore.certificate.chain", TestPki.read(PKI.clientChain()));
            mtls.put("oauth.ssl.key.password", "key-pass-1");
            assertEquals("opaque-over-pem-tls", Handlers.token(Handlers.configured(options(idp, mtls))).value());

            Map<String, String> file = new HashMap<>(trust);
            file.put("oauth.ssl.keystore.type", "PEM");
            file.put("oauth.ssl.keystore.location", PKI.clientKeyAndChain().toString());
            assertEquals("opaque-over-pem-tls", Handlers.token(Handlers.configured(options(idp, file))).value());
            assertEquals(2, idp.requests());
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
}
