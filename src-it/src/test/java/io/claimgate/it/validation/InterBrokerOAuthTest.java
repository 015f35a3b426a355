package io.claimgate.it.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Three nodes whose inter-broker and controller listeners are OAUTHBEARER: each node gets its own
 * token from the IdP with claimgate's login handler and the others validate it with claimgate's
 * validator; the KRaft quorum forming and a topic with replication factor 3 fully in sync prove
 * the nodes talk to each other that way.
 */
@ExtendWith(BrokerLogOnFailure.class)
class InterBrokerOAuthTest {
    static final String BROKER_CLIENT = "kafka-broker";
    static final String BROKER_SECRET = "kafka-broker-secret";

    @Test
    void brokersAuthenticateToEachOtherWithTokens() throws Exception {
        try (EmbeddedIdp idp = EmbeddedIdp.builder().client(BROKER_CLIENT, BROKER_SECRET, Map.of()).start()) {
            Map<String, String> validation = new LinkedHashMap<>();
            validation.put("oauth.jwks.endpoint.uri", idp.jwksUri());
            validation.put("oauth.valid.issuer.uri", idp.issuerUri());
            validation.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
            validation.put("oauth.username.claim", "client_id,sub");
            Map<String, String> internal = new LinkedHashMap<>(validation);
            // The same JAAS entry drives the broker's own login on this listener.
            internal.put("oauth.token.endpoint.uri", idp.tokenEndpoint());
            internal.put("oauth.client.id", BROKER_CLIENT);
            internal.put("oauth.client.secret", BROKER_SECRET);
            ListenerSpec interBroker = ListenerSpec.oauthBearer(KafkaClusterSpec.INTER_BROKER_LISTENER,
                            ValidationBroker.VALIDATOR, internal)
                    .with("oauthbearer.sasl.login.callback.handler.class", Clients.CLAIMGATE_LOGIN_HANDLER);
            // The KRaft quorum and the brokers' controller connections authenticate the same way.
            ListenerSpec controller = ListenerSpec.oauthBearer(KafkaClusterSpec.CONTROLLER_LISTENER,
                            ValidationBroker.VALIDATOR, internal)
                    .with("oauthbearer.sasl.login.callback.handler.class", Clients.CLAIMGATE_LOGIN_HANDLER);
            KafkaClusterSpec spec = ValidationBroker.spec("inter-broker", validation, idp.allowedUrls())
                    .nodes(3)
                    .interBrokerListener(interBroker)
                    .controllerListener(controller)
                    .brokerProperty("sasl.mechanism.inter.broker.protocol", "OAUTHBEARER")
                    .brokerProperty("sasl.mechanism.controller.protocol", "OAUTHBEARER")
                    .startTimeout(Duration.ofMinutes(3))
                    .build();
            try (KafkaCluster cluster = KafkaCluster.start(spec)) {
                var security = Clients.claimgateOAuth(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET, Map.of());
                String bootstrap = cluster.bootstrapServers(ValidationBroker.EXTERNAL);
                try (Admin admin = Admin.create(Clients.admin(bootstrap, security))) {
                    assertEquals(3, admin.describeCluster().nodes().get().size());
                    admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3))).all().get();
                }
                try (var producer = new KafkaProducer<String, String>(Clients.producer(bootstrap, security))) {
                    producer.send(new ProducerRecord<>("replicated", "k", "v")).get();   // acks=all: 3 replicas
                }
                try (Admin admin = Admin.create(Clients.admin(bootstrap, security))) {
                    var partition = admin.describeTopics(Set.of("replicated")).allTopicNames().get()
                            .get("replicated").partitions().get(0);
                    assertEquals(3, partition.isr().size(), "all replicas in sync over the OAUTHBEARER listener");
                }
                cluster.awaitLogLine(Pattern.compile("accepted a token for principal " + BROKER_CLIENT),
                        Duration.ofSeconds(10));
            }
        }
    }
}
