package io.claimgate.it.validation;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.claimgate.common.testkit.TestPki;
import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.ListenerSpec;
import io.claimgate.it.Resources;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A real broker (the shaded jar) fetching the IdP's keys over HTTPS, trusting the IdP through a
 * PEM file, as a Kubernetes secret mounts it. The JWKS is served over TLS by WireMock with a
 * certificate of the test CA. A second listener trusts another CA (inline PEM): it cannot fetch
 * the keys, so it refuses every token, while the first accepts them.
 */
@ExtendWith(BrokerLogOnFailure.class)
class PemTrustToTheIdpTest {
    static final String UNTRUSTED = "UNTRUSTED";
    private static final TestPki PKI = TestPki.get();
    private static EmbeddedIdp idp;
    private static WireMockServer jwks;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        idp = EmbeddedIdp.start();
        jwks = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort()
                .keystorePath(PKI.serverKeyStoreFile().toString()).keystoreType("PKCS12")
                .keystorePassword(TestPki.STORE_PASSWORD).keyManagerPassword(TestPki.STORE_PASSWORD));
        jwks.start();
        jwks.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ValidationBroker.get(idp.jwksUri()))));
        String jwksUri = "https://localhost:" + jwks.httpsPort() + "/jwks";
        Map<String, String> trusted = new LinkedHashMap<>();
        trusted.put("oauth.jwks.endpoint.uri", jwksUri);
        trusted.put("oauth.valid.issuer.uri", idp.issuerUri());
        trusted.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
        trusted.put("oauth.username.claim", "client_id,sub");
        Map<String, String> untrusted = new LinkedHashMap<>(trusted);
        trusted.put("oauth.ssl.truststore.type", "PEM");
        trusted.put("oauth.ssl.truststore.location", PKI.caCertificate().toString());
        // One line, as a JAAS value in a properties file must be.
        untrusted.put("oauth.ssl.truststore.certificates", TestPki.read(PKI.otherCaCertificate()).replace("\n", " "));
        cluster = KafkaCluster.start(ValidationBroker.spec("pem-trust", trusted, idp.allowedUrls() + "," + jwksUri)
                .listener(ListenerSpec.oauthBearer(UNTRUSTED, ValidationBroker.VALIDATOR, untrusted))
                .build());
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, jwks == null ? null : jwks::stop, idp);
    }

    @Test
    void theBrokerTrustsTheIdpThroughPemAndThroughNothingElse() throws Exception {
        Properties security = Clients.claimgateOAuth(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET, Map.of());
        assertFalse(ValidationBroker.clusterId(cluster, security).isEmpty(), "PEM-trusted listener authenticates");

        ExecutionException e = assertThrows(ExecutionException.class,
                () -> ValidationBroker.clusterId(cluster, UNTRUSTED, security));
        assertInstanceOf(SaslAuthenticationException.class, e.getCause());
        assertTrue(jwks.getAllServeEvents().size() >= 1, "the PEM-trusted listener fetched the keys over TLS");
    }
}
