package io.claimgate.it.auth;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import io.claimgate.it.Resources;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The measurement of {@link ForgedKeyFloodTest}, against Kafka's built-in validator
 * ({@code OAuthBearerValidatorCallbackHandler}) on the same kind of broker (one network thread),
 * for comparison in docs/SECURITY.md. Prints the numbers and asserts nothing; off by default
 * (another broker and 40 s): {@code -Dclaimgate.it.compareKafkaValidator=true}. Kafka's handler
 * logs every refused token at WARN; the broker log grows accordingly.
 */
@ExtendWith(BrokerLogOnFailure.class)
@EnabledIfSystemProperty(named = "claimgate.it.compareKafkaValidator", matches = "true")
class KafkaValidatorFloodComparisonTest {

    @Test
    void measuresTheSameFloodAgainstKafkasBuiltInValidator() throws Exception {
        EmbeddedIdp idp = EmbeddedIdp.start();
        KafkaCluster cluster = null;
        try {
            cluster = KafkaCluster.start(KafkaClusterSpec.builder("forged-kid-flood-kafka")
                    .listener(ListenerSpec.oauthBearer(ClaimgateBroker.EXTERNAL,
                            "org.apache.kafka.common.security.oauthbearer.OAuthBearerValidatorCallbackHandler", Map.of()))
                    .brokerProperty("sasl.oauthbearer.jwks.endpoint.url", idp.jwksUri())
                    .brokerProperty("sasl.oauthbearer.expected.audience", EmbeddedIdp.DEFAULT_AUDIENCE)
                    .brokerProperty("sasl.oauthbearer.expected.issuer", idp.issuerUri())
                    .brokerProperty("sasl.oauthbearer.sub.claim.name", "client_id")
                    .brokerProperty("num.network.threads", "1")
                    .systemProperty(Clients.ALLOWED_URLS_PROPERTY, idp.allowedUrls())
                    .build());
            FloodMeasurement m = FloodMeasurement.run(idp, cluster.bootstrapServers(ClaimgateBroker.EXTERNAL),
                    ForgedKeyFloodTest.FLOOD);
            System.out.println("KafkaValidatorFloodComparisonTest\n" + m);
        } finally {
            Resources.closeAll(cluster, idp);
        }
    }
}
