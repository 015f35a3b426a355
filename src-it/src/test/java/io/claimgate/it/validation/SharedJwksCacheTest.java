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
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.ListenerSpec;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two OAUTHBEARER listeners with the same JWKS settings on one real broker, configured differently
 * otherwise (the second also maps a groups claim), so that each has a validator of its own (listeners
 * configured alike would share one): the broker JVM still fetches the JWKS once at start-up and
 * keeps one fetch schedule, counted by WireMock in front of the IdP's JWKS.
 */
@ExtendWith(BrokerLogOnFailure.class)
class SharedJwksCacheTest {
    static final String SECOND = "EXTERNAL2";
    /** claimgate's WARN for a JWKS over plain http, logged once per validator configured. */
    static final Pattern CONFIGURED = Pattern.compile("claimgate fetches signing keys over plain http");
    /** claimgate's INFO for a cache's first successful fetch. */
    static final Pattern FIRST_FETCH = Pattern.compile("claimgate fetched \\d+ signing key\\(s\\)");
    private static EmbeddedIdp idp;
    private static WireMockServer jwks;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        idp = EmbeddedIdp.start();
        jwks = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        jwks.start();
        jwks.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(ValidationBroker.get(idp.jwksUri()))));
        String jwksUri = jwks.baseUrl() + "/jwks";
        Map<String, String> options = new LinkedHashMap<>();
        options.put("oauth.jwks.endpoint.uri", jwksUri);
        options.put("oauth.valid.issuer.uri", idp.issuerUri());
        options.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
        options.put("oauth.username.claim", "client_id,sub");
        options.put("oauth.jwks.refresh.seconds", "3600");   // only start-up fetches within the test
        cluster = KafkaCluster.start(ValidationBroker.spec("shared-jwks", options, idp.allowedUrls() + "," + jwksUri)
                .listener(ListenerSpec.oauthBearer(SECOND, ValidationBroker.VALIDATOR, withGroups(options)))
                .build());
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, jwks == null ? null : jwks::stop, idp);   // WireMock stops, not closes
    }

    @Test
    void twoListenersWithTheSameJwksShareOneFetchSchedule() throws Exception {
        Properties security = Clients.claimgateOAuth(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET, Map.of());
        String clusterId = ValidationBroker.clusterId(cluster, security);
        assertEquals(clusterId, ValidationBroker.clusterId(cluster, SECOND, security), "both listeners validate");

        String log = Files.readString(cluster.brokerLog());
        long validators = CONFIGURED.matcher(log).results().count();
        assertTrue(validators >= 2, "a validator per listener, found " + validators);
        assertEquals(1, FIRST_FETCH.matcher(log).results().count(), "one JWKS cache in the broker JVM");
        assertEquals(1, jwksRequests(), validators + " validators, one JWKS fetch");
    }

    /** Other validator options, the same JWKS settings. */
    static Map<String, String> withGroups(Map<String, String> options) {
        Map<String, String> other = new LinkedHashMap<>(options);
        other.put("oauth.groups.claim", "groups");
        return other;
    }

    static int jwksRequests() {
        return jwks.countRequestsMatching(getRequestedFor(urlEqualTo("/jwks")).build()).getCount();
    }
}
