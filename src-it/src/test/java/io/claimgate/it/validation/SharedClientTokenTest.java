package io.claimgate.it.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.Resources;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A producer, a consumer and an admin client in one JVM with the same credentials make one token
 * request to the IdP between them, and all authenticate to a real broker with it; another
 * credential gets its own. Their {@code sasl.login.refresh.buffer.seconds} differ on purpose:
 * Kafka's own LoginManager shares a login only between clients whose {@code sasl.*} configs are
 * identical, so here each client has a login (and refresh thread) of its own.
 */
@ExtendWith(BrokerLogOnFailure.class)
class SharedClientTokenTest {
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() {
        idp = EmbeddedIdp.start();
        Map<String, String> options = new LinkedHashMap<>();
        options.put("oauth.jwks.endpoint.uri", idp.jwksUri());
        options.put("oauth.valid.issuer.uri", idp.issuerUri());
        options.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
        options.put("oauth.username.claim", "client_id,sub");
        cluster = KafkaCluster.start(ValidationBroker.spec("shared-client-token", options, idp.allowedUrls()).build());
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, idp);
    }

    private static Properties security(String clientId, String secret, int refreshBufferSeconds) {
        Properties security = Clients.claimgateOAuth(idp, clientId, secret, Map.of());
        security.put("sasl.login.refresh.buffer.seconds", String.valueOf(refreshBufferSeconds));
        return security;
    }

    @Test
    void aProducerAConsumerAndAnAdminWithOneCredentialMakeOneTokenRequest() throws Exception {
        String bootstrap = cluster.bootstrapServers(ValidationBroker.EXTERNAL);
        String topic = "shared-token";
        try (Admin admin = Admin.create(Clients.admin(bootstrap, security(EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET, 300)));
             KafkaProducer<String, String> producer = new KafkaProducer<>(
                     Clients.producer(bootstrap, security(EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET, 299)),
                     new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                     Clients.consumer(bootstrap, "shared-token-group", security(EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET, 298)),
                     new StringDeserializer(), new StringDeserializer())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
            consumer.subscribe(List.of(topic));
            int read = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (read == 0 && System.nanoTime() < deadline) {
                read += consumer.poll(Duration.ofMillis(500)).count();
            }
            assertEquals(1, read, "the consumer authenticated and read the record");

            assertEquals(1, idp.tokenRequestCount(EmbeddedIdp.CLIENT1), "three clients, one token request");

            // Another credential in the same JVM never gets client1's token.
            ValidationBroker.clusterIdAs(cluster, idp, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET);
            assertEquals(1, idp.tokenRequestCount(EmbeddedIdp.CLIENT2));
            assertEquals(1, idp.tokenRequestCount(EmbeddedIdp.CLIENT1));
        }
    }
}
