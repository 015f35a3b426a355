package io.claimgate.it.validation;

import io.claimgate.it.Resources;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JWKS endpoint fails (HTTP 500) and then hangs, for minutes of broker time compressed into
 * seconds (refresh every second): clients with fresh tokens signed by known keys keep
 * authenticating on the real broker; a token naming an unknown key is refused within the
 * configured timeouts; when the endpoint answers again, a key rotated in meanwhile is picked up
 * without a restart. WireMock stands in front of the IdP's JWKS.
 */
@ExtendWith(BrokerLogOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JwksOutageTest {
    /** oauth.connect.timeout.ms + oauth.read.timeout.ms of the broker. */
    static final long TIMEOUTS_MS = 2000;
    private static EmbeddedIdp idp;
    private static WireMockServer jwks;
    private static KafkaCluster cluster;
    private static OptionalLong pid;

    @BeforeAll
    static void start() throws Exception {
        idp = EmbeddedIdp.start();
        jwks = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        jwks.start();
        serveJwks();
        String jwksUri = jwks.baseUrl() + "/jwks";
        Map<String, String> options = new LinkedHashMap<>();
        options.put("oauth.jwks.endpoint.uri", jwksUri);
        options.put("oauth.valid.issuer.uri", idp.issuerUri());
        options.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
        options.put("oauth.username.claim", "client_id,sub");
        options.put("oauth.jwks.refresh.seconds", "1");
        options.put("oauth.connect.timeout.ms", "1000");
        options.put("oauth.read.timeout.ms", "1000");
        options.put("oauth.circuit.breaker.failures", "3");
        options.put("oauth.circuit.breaker.cooldown.ms", "2000");
        cluster = KafkaCluster.start(ValidationBroker.spec("jwks-outage", options, idp.allowedUrls() + "," + jwksUri)
                .build());
        pid = cluster.nodes().get(0).pid();
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, jwks == null ? null : jwks::stop, idp);   // WireMock stops, not closes
    }

    /** WireMock serves what the IdP publishes right now. */
    static void serveJwks() throws Exception {
        jwks.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ValidationBroker.get(idp.jwksUri()))));
    }

    static int jwksRequests() {
        return jwks.countRequestsMatching(getRequestedFor(urlEqualTo("/jwks")).build()).getCount();
    }

    @Test
    @Order(1)
    void whileTheJwksAnswers500TokensSignedByCachedKeysKeepValidating() throws Exception {
        String clusterId = ValidationBroker.clusterIdAs(cluster, idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET);

        jwks.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse().withStatus(500).withBody("{}")));
        int before = jwksRequests();
        ValidationBroker.waitUntil(Duration.ofSeconds(20), () -> jwksRequests() >= before + 3);
        cluster.awaitLogLine(Pattern.compile("could not refresh the JWKS from .*HTTP 500"), Duration.ofSeconds(10));

        for (int i = 0; i < 3; i++) {   // fresh clients, fresh tokens: no token-cache hit can explain success
            assertEquals(clusterId, ValidationBroker.clusterIdAs(cluster, idp, EmbeddedIdp.CLIENT2,
                    EmbeddedIdp.CLIENT2_SECRET));
        }
    }

    @Test
    @Order(2)
    void whileTheJwksHangsKnownKeysValidateAndUnknownOnesAreRefusedWithinTheTimeouts() throws Exception {
        jwks.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse().withStatus(200).withFixedDelay(60_000)
                .withBody("{\"keys\":[]}")));
        Thread.sleep(3 * TIMEOUTS_MS);   // background refreshes now hang until their timeouts

        long start = System.nanoTime();
        ValidationBroker.clusterIdAs(cluster, idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET);
        long knownMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(knownMs < TIMEOUTS_MS, "a known key must not wait for the IdP: " + knownMs + " ms");

        idp.rotateKey();   // tokens now carry a kid the broker has never seen
        for (int i = 0; i < 3; i++) {
            start = System.nanoTime();
            SaslAuthenticationException e = ValidationBroker.refused(cluster, idp.issueToken(EmbeddedIdp.CLIENT1));
            long unknownMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("UNKNOWN_KEY"), e.getMessage());
            // Client-side time includes connecting and the SASL round trips (well under a second
            // locally); the broker's wait on the hanging IdP is bounded by the timeouts.
            assertTrue(unknownMs < TIMEOUTS_MS + 1500, "refusal took " + unknownMs + " ms");
        }
    }

    @Test
    @Order(3)
    void whenTheIdpComesBackARotatedKeyIsPickedUpWithoutRestart() throws Exception {
        serveJwks();   // now publishes the rotated-in key too

        ValidationBroker.waitUntil(Duration.ofSeconds(30), () -> ValidationBroker.authenticates(cluster, idp,
                EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET));
        assertEquals(pid, cluster.nodes().get(0).pid(), "same broker process");
    }
}
