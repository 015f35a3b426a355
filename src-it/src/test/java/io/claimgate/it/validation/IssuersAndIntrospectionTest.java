package io.claimgate.it.validation;

import io.claimgate.it.Resources;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.PresentedTokenLoginHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One listener, three issuers ({@code oauth.issuers=main,partner,opaque}) on the real broker:
 * {@code main} found by OIDC discovery, {@code partner} with an explicit JWKS, {@code opaque} an IdP
 * issuing opaque tokens checked by RFC 7662 introspection (WireMock); each with its own user and
 * group name prefix, as several issuers require.
 * A token from an IdP that is not configured is refused without the broker contacting it.
 */
@ExtendWith(BrokerLogOnFailure.class)
class IssuersAndIntrospectionTest {
    private static EmbeddedIdp main;
    private static EmbeddedIdp partner;
    private static EmbeddedIdp stranger;
    private static WireMockServer introspection;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() {
        main = EmbeddedIdp.builder().issuerId("main").start();
        partner = EmbeddedIdp.builder().issuerId("partner").start();
        stranger = EmbeddedIdp.builder().issuerId("stranger").start();
        introspection = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        introspection.start();
        introspection.stubFor(post(urlEqualTo("/introspect")).atPriority(10)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("{\"active\":false}")));
        String introspectUri = introspection.baseUrl() + "/introspect";

        Map<String, String> options = new LinkedHashMap<>();
        options.put("oauth.issuers", "main,partner,opaque");
        options.put("oauth.issuer.main.issuer.uri", main.issuerUri());
        options.put("oauth.issuer.main.username.prefix", "main:");
        options.put("oauth.issuer.main.groups.prefix", "main:");
        options.put("oauth.issuer.partner.jwks.endpoint.uri", partner.jwksUri());
        options.put("oauth.issuer.partner.valid.issuer.uri", partner.issuerUri());
        options.put("oauth.issuer.partner.username.prefix", "partner:");
        options.put("oauth.issuer.partner.groups.prefix", "partner:");
        options.put("oauth.issuer.opaque.introspection.endpoint.uri", introspectUri);
        options.put("oauth.issuer.opaque.valid.issuer.uri", "https://opaque.example");
        options.put("oauth.issuer.opaque.client.id", "kafka-broker");
        options.put("oauth.issuer.opaque.client.secret", "broker-secret");
        options.put("oauth.issuer.opaque.username.prefix", "opaque:");
        options.put("oauth.issuer.opaque.groups.prefix", "opaque:");
        options.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);   // shared by all three
        options.put("oauth.username.claim", "client_id,sub");
        cluster = KafkaCluster.start(ValidationBroker.spec("issuers", options,
                String.join(",", main.allowedUrls(), partner.allowedUrls(), introspectUri)).build());
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, introspection == null ? null : introspection::stop, main, partner, stranger);
    }

    @Test
    void anIssuerFoundByDiscoveryAuthenticates() throws Exception {
        var mark = cluster.mark();
        ValidationBroker.clusterIdAs(cluster, main, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET);
        cluster.awaitLogLine(mark, Pattern.compile("accepted a token for principal main:client1\\b"), Duration.ofSeconds(10));
    }

    @Test
    void aSecondIssuerOnTheSameListenerGetsItsOwnRules() throws Exception {
        var mark = cluster.mark();
        ValidationBroker.clusterIdAs(cluster, partner, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET);
        cluster.awaitLogLine(mark, Pattern.compile("accepted a token for principal partner:client2"),
                Duration.ofSeconds(10));
    }

    @Test
    void aTokenOfAnIssuerThatIsNotConfiguredIsRefusedWithoutContactingIt() {
        int before = stranger.jwksRequestCount();

        SaslAuthenticationException e = ValidationBroker.refused(cluster, stranger.issueToken(EmbeddedIdp.CLIENT1));

        assertTrue(e.getMessage().contains("WRONG_ISSUER"), e.getMessage());
        assertEquals(before, stranger.jwksRequestCount());
    }

    @Test
    void anOpaqueTokenIsValidatedByIntrospection() throws Exception {
        long exp = Instant.now().plusSeconds(300).getEpochSecond();
        introspection.stubFor(post(urlEqualTo("/introspect")).atPriority(1)
                .withBasicAuth("kafka-broker", "broker-secret")
                .withRequestBody(containing("token=opaque-b4f2a9"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(
                        "{\"active\":true,\"client_id\":\"billing\",\"aud\":\"" + EmbeddedIdp.DEFAULT_AUDIENCE
                                + "\",\"scope\":\"kafka\",\"exp\":" + exp + "}")));
        var mark = cluster.mark();

        ValidationBroker.clusterId(cluster, PresentedTokenLoginHandler.security("opaque-b4f2a9"));
        ValidationBroker.clusterId(cluster, PresentedTokenLoginHandler.security("opaque-b4f2a9"));

        cluster.awaitLogLine(mark, Pattern.compile("accepted a token for principal opaque:billing"),
                Duration.ofSeconds(10));
        int asked = introspection.countRequestsMatching(postRequestedFor(urlEqualTo("/introspect"))
                .withRequestBody(containing("token=opaque-b4f2a9")).build()).getCount();
        assertTrue(asked >= 1 && asked <= 2, "asked " + asked + " times; the second connection is a cache hit"
                + " (Kafka may create two validator instances per listener)");
        assertFalse(cluster.logTail(2000).contains("opaque-b4f2a9"), "the broker never logs the token");
    }

    @Test
    void anInactiveOpaqueTokenIsRefused() {
        SaslAuthenticationException e = ValidationBroker.refused(cluster, "opaque-revoked-77");
        assertTrue(e.getMessage().contains("INACTIVE"), e.getMessage());
    }
}
