package io.claimgate.server;

import static io.claimgate.server.testkit.Validation.accepted;
import static io.claimgate.server.testkit.Validation.configuredHandler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import io.claimgate.common.testkit.HttpsIdp;
import io.claimgate.common.testkit.TestPki;
import io.claimgate.server.testkit.Claims;
import io.claimgate.server.testkit.SigningKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

/**
 * The broker fetches the IdP's keys over HTTPS trusting the IdP through PEM (a certificate file,
 * or inline certificates), and through nothing else: without them the JWKS cannot be fetched and
 * a fail-fast broker does not start. Real certificates, a real HTTPS JWKS endpoint.
 */
class PemTrustToTheJwksTest {
    private static final TestPki PKI = TestPki.get();
    private final SigningKey key = SigningKey.ec("pem-key");

    @Test
    void theJwksIsFetchedOverHttpsTrustedByAPemFileOrInlinePem() throws Exception {
        try (HttpsIdp idp = HttpsIdp.start().serve("/jwks", new JWKSet(List.of(key.publicJwk())).toString())) {
            OAuthValidatorCallbackHandler fromFile = configuredHandler(options(idp, Map.of(
                    "oauth.ssl.truststore.type", "PEM",
                    "oauth.ssl.truststore.location", PKI.caCertificate().toString())));
            OAuthValidatorCallbackHandler inline = configuredHandler(options(idp, Map.of(
                    "oauth.ssl.truststore.certificates", TestPki.read(PKI.caCertificate()))));
            try {
                assertEquals("service-account-orders", accepted(fromFile, key.sign(Claims.valid().build())).principalName());
                assertEquals("service-account-orders", accepted(inline, key.sign(Claims.valid().build())).principalName());
            } finally {
                fromFile.close();
                inline.close();
            }
        }
    }

    @Test
    void withoutTheCaTheJwksCannotBeFetched() throws Exception {
        try (HttpsIdp idp = HttpsIdp.start().serve("/jwks", new JWKSet(List.of(key.publicJwk())).toString())) {
            KafkaException e = assertThrows(KafkaException.class, () -> configuredHandler(options(idp, Map.of(
                    "oauth.ssl.truststore.certificates", TestPki.read(PKI.otherCaCertificate())))));
            assertTrue(e.getMessage().contains("signing keys of issuer 'default' could not be"), e.getMessage());
            assertEquals(0, idp.requests(), "the handshake failed before any request");
        }
    }

    private static Map<String, String> options(HttpsIdp idp, Map<String, String> tls) {
        Map<String, String> options = new HashMap<>(tls);
        options.put("oauth.jwks.endpoint.uri", idp.uri("/jwks").toString());
        options.put("oauth.valid.issuer.uri", Claims.ISSUER);
        options.put("oauth.valid.audience", Claims.AUDIENCE);
        options.put("oauth.fail.fast", "true");
        return options;
    }
}
