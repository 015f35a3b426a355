package io.claimgate.it.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.BrokerRuntime;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.Resources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broker jar, built against the newest Kafka, on the older brokers claimgate supports
 * ({@link BrokerRuntime#OLDER_KAFKA_VERSIONS}, each resolved in {@code src-it/older-kafka}):
 * {@code ClaimAuthorizer} extends {@code StandardAuthorizer}, which is not a stable API, and the
 * principal builder's serde runs on the controller. Every other integration test runs the
 * newest release; this one runs each plugin's main path once per older release: tokens
 * validated, the principal built from claims, policy rules, a Kafka ACL for a {@code Group:}
 * principal, and a CreateTopics request forwarded to the controller with the caller's claims.
 */
@ExtendWith(BrokerLogOnFailure.class)
class OlderKafkaReleasesTest {
    private static final String POLICY = """
            policies:
              - name: client1-full-access
                when: principal.name == 'client1'
                rules:
                  - {action: allow, resource: topic, names: ["*"], operations: [describe, read, write]}
              - name: client2-reads-topic
                when: principal.name == 'client2'
                rules:
                  - {action: allow, resource: topic, names: [topic], operations: [describe, read]}
              - name: builders-create-their-topics
                when: "'team' in claims && claims.team == 'builders'"
                rules:
                  - {action: allow, resource: topic, names: ["built-*"], operations: [create, describe]}
            """;

    @TempDir
    Path dir;
    private EmbeddedIdp idp;
    private KafkaCluster cluster;

    static Stream<String> olderReleases() {
        return BrokerRuntime.OLDER_KAFKA_VERSIONS.stream();
    }

    @AfterEach
    void stop() {
        Resources.closeAll(cluster, idp);
    }

    @ParameterizedTest(name = "Kafka {0}")
    @MethodSource("olderReleases")
    void theBrokerPluginsWorkOnAnOlderRelease(String version) throws Exception {
        idp = EmbeddedIdp.start();
        idp.registerClient("builder", "builder-secret", Map.of("team", "builders"));
        idp.registerClient("team-a-app", "team-a-secret", Map.of("groups", List.of("team-a")));
        cluster = KafkaCluster.start(AuthzBroker.spec("kafka-" + version.replace('.', '-'), idp,
                AuthzBroker.writePolicy(dir, POLICY)).kafkaVersion(version).build());
        cluster.awaitLogLine(Pattern.compile("Kafka version: " + Pattern.quote(version)), Duration.ofSeconds(5));
        AuthzBroker.createTopics(cluster, List.of("topic", "payroll"));
        String bootstrap = cluster.bootstrapServers(AuthzBroker.EXTERNAL);
        Properties client1 = AuthzBroker.login(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET, Map.of());
        Properties client2 = AuthzBroker.login(idp, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET, Map.of());

        // Validation, the principal from client_id, policy rules.
        produce(bootstrap, client1, "topic");
        assertEquals(List.of("v"), AuthzBroker.readAssigned(bootstrap, client2, "topic", 1));
        AuthzBroker.assertDenied(() -> produce(bootstrap, client2, "topic"));

        // A Kafka ACL for a group from the token's groups claim: StandardAuthorizer underneath.
        Properties teamA = AuthzBroker.login(idp, "team-a-app", "team-a-secret", Map.of());
        AuthzBroker.assertDenied(() -> produce(bootstrap, teamA, "payroll"));
        try (Admin operator = AuthzBroker.operator(cluster)) {
            operator.createAcls(List.of(new AclBinding(new ResourcePattern(ResourceType.TOPIC, "payroll", PatternType.LITERAL),
                    new AccessControlEntry("Group:team-a", "*", AclOperation.WRITE, AclPermissionType.ALLOW)))).all().get();
        }
        AuthzBroker.eventuallyAllowed(Duration.ofSeconds(15), () -> produce(bootstrap, teamA, "payroll"));

        // CreateTopics goes to the controller with the serialized principal: its claims decide there.
        try (Admin builder = Admin.create(Clients.admin(bootstrap, AuthzBroker.login(idp, "builder", "builder-secret", Map.of())))) {
            builder.createTopics(List.of(new NewTopic("built-1", 1, (short) 1))).all().get();
        }
        try (Admin other = Admin.create(Clients.admin(bootstrap, client2))) {
            AuthzBroker.assertDenied(() -> other.createTopics(List.of(new NewTopic("built-2", 1, (short) 1))).all().get());
        }
    }

    private static void produce(String bootstrap, Properties security, String topic) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Clients.producer(bootstrap, security))) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
        }
    }
}
