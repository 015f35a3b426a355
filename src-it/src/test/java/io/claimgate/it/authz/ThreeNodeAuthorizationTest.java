package io.claimgate.it.authz;

import io.claimgate.it.Resources;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.BrokerNode;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three combined broker+controller nodes with ClaimAuthorizer on each (inter-broker traffic stays
 * PLAINTEXT here): an ACL created through one node is enforced by every node, and a CreateTopics
 * request forwarded to the controller is authorized with the caller's claims.
 */
@ExtendWith(BrokerLogOnFailure.class)
class ThreeNodeAuthorizationTest {
    private static final String POLICY = """
            policies:
              - name: builders-create-their-topics
                when: "claims.team == 'builders'"
                rules:
                  - {action: allow, resource: topic, names: ["built-*"], operations: [create, describe]}
            """;

    @TempDir
    static Path dir;
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        idp = EmbeddedIdp.start();
        idp.registerClient("builder", "builder-secret", Map.of("team", "builders"));
        idp.registerClient("writer", "writer-secret", Map.of("groups", List.of("writers")));
        cluster = KafkaCluster.start(AuthzBroker.spec("three-nodes", idp, AuthzBroker.writePolicy(dir, POLICY))
                .nodes(3).build());
        // One single-partition topic led by each node, so every node has to authorize a write.
        try (Admin admin = AuthzBroker.operator(cluster)) {
            admin.createTopics(cluster.nodes().stream().map(node -> new NewTopic("on-node-" + node.id(),
                    Map.of(0, List.of(node.id())))).toList()).all().get();
        }
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, idp);
    }

    private static String bootstrapOf(BrokerNode node) {
        return "127.0.0.1:" + node.port(AuthzBroker.EXTERNAL);
    }

    @Test
    void anAclCreatedThroughOneNodeIsEnforcedByAll() throws Exception {
        BrokerNode first = cluster.nodes().get(0);
        Properties writer = AuthzBroker.login(idp, "writer", "writer-secret", Map.of());
        try (Admin admin = Admin.create(Clients.admin("127.0.0.1:" + first.port("INTERNAL"), Clients.plaintext()))) {
            admin.createAcls(List.of(new AclBinding(
                    new ResourcePattern(ResourceType.TOPIC, "on-node-", PatternType.PREFIXED),
                    new AccessControlEntry("Group:writers", "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
                    .all().get();
        }
        for (BrokerNode node : cluster.nodes()) {
            eventuallyProduces(writer, bootstrapOf(node), "on-node-" + node.id());
        }
    }

    @Test
    void forwardedCreateTopicsIsAuthorizedWithTheCallersClaims() throws Exception {
        for (BrokerNode node : cluster.nodes()) {
            try (Admin builder = Admin.create(Clients.admin(bootstrapOf(node),
                    AuthzBroker.login(idp, "builder", "builder-secret", Map.of())))) {
                builder.createTopics(List.of(new NewTopic("built-via-" + node.id(), 1, (short) 3))).all().get();
            }
        }
        try (Admin other = Admin.create(Clients.admin(cluster.bootstrapServers(AuthzBroker.EXTERNAL),
                AuthzBroker.login(idp, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET, Map.of())))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> other.createTopics(List.of(new NewTopic("built-by-someone-else", 1, (short) 3))).all().get());
            assertInstanceOf(AuthorizationException.class, e.getCause());
        }
    }

    /** ACLs reach each node's authorizer through the metadata log: allow them a moment. */
    private static void eventuallyProduces(Properties security, String bootstrap, String topic) throws Exception {
        AuthzBroker.eventuallyAllowed(Duration.ofSeconds(20), () -> {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Clients.producer(bootstrap, security))) {
                producer.send(new ProducerRecord<>(topic, "k", "v")).get();
            }
        });
    }
}
