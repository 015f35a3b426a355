package io.claimgate.it.authz;

import io.claimgate.it.Resources;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.claimgate.it.BrokerLogOnFailure;
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
 * Access decided from token claims on a real broker: Kafka ACLs granted to {@code Group:<g>} apply
 * to tokens carrying that group (added with the Admin API, no restart); {@code names_from} grants
 * exactly the topics a token lists; super.users need no rule at all.
 */
@ExtendWith(BrokerLogOnFailure.class)
class ClaimRulesTest {
    @TempDir
    static Path dir;
    private static EmbeddedIdp idp;
    private static KafkaCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        idp = EmbeddedIdp.start();
        idp.registerClient("team-a-app", "team-a-secret", Map.of("groups", List.of("team-a", "readers")));
        idp.registerClient("lister", "lister-secret", Map.of("topics", List.of("listed-1", "listed-*")));
        idp.registerClient("ops", "ops-secret", Map.of());
        cluster = KafkaCluster.start(AuthzBroker.spec("claim-rules", idp, AuthzBroker.writePolicy(dir, AuthzBroker.HEADLINE_POLICY))
                .brokerProperty("super.users", "User:ANONYMOUS;User:ops")
                .build());
        AuthzBroker.createTopics(cluster, List.of("team-a-orders", "listed-1", "listed-2", "unlisted"));
    }

    @AfterAll
    static void stop() {
        Resources.closeAll(cluster, idp);
    }

    private static void produce(Properties security, String topic) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Clients.producer(cluster.bootstrapServers(AuthzBroker.EXTERNAL), security))) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get();
        }
    }

    private static void assertDenied(Properties security, String topic) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> produce(security, topic));
        assertInstanceOf(AuthorizationException.class, e.getCause());
    }

    @Test
    void groupAclAddedWithTheAdminApiGrantsTokensOfThatGroupWithoutRestart() throws Exception {
        Properties teamA = AuthzBroker.login(idp, "team-a-app", "team-a-secret", Map.of());
        assertDenied(teamA, "team-a-orders");

        try (Admin admin = AuthzBroker.operator(cluster)) {
            admin.createAcls(List.of(new AclBinding(
                    new ResourcePattern(ResourceType.TOPIC, "team-a-", PatternType.PREFIXED),
                    new AccessControlEntry("Group:team-a", "*", AclOperation.WRITE, AclPermissionType.ALLOW))))
                    .all().get();
        }

        AuthzBroker.eventuallyAllowed(Duration.ofSeconds(15), () -> produce(teamA, "team-a-orders"));
        // Another client without the group stays out.
        assertDenied(AuthzBroker.login(idp, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET, Map.of()), "team-a-orders");
    }

    @Test
    void groupDenyAclWinsOverAPolicyAllow() throws Exception {
        // "readers" is also in team-a-app's token; client1's policy allows everything, but only for client1.
        idp.registerClient("client1-in-readers", "s", Map.of("client_id", "client1", "groups", List.of("blocked")));
        try (Admin admin = AuthzBroker.operator(cluster)) {
            admin.createAcls(List.of(new AclBinding(
                    new ResourcePattern(ResourceType.TOPIC, "unlisted", PatternType.LITERAL),
                    new AccessControlEntry("Group:blocked", "*", AclOperation.WRITE, AclPermissionType.DENY))))
                    .all().get();
        }
        Properties blockedClient1 = AuthzBroker.login(idp, "client1-in-readers", "s", Map.of());
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                produce(blockedClient1, "unlisted");
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the DENY ACL for Group:blocked never took effect");
                }
                Thread.sleep(300);
            } catch (ExecutionException e) {
                assertInstanceOf(AuthorizationException.class, e.getCause());
                break;
            }
        }
        // The same principal without the group is still allowed by its policy.
        produce(AuthzBroker.login(idp, EmbeddedIdp.CLIENT1, EmbeddedIdp.CLIENT1_SECRET, Map.of()), "unlisted");
    }

    @Test
    void namesFromGrantsExactlyTheTopicsListedInTheToken() throws Exception {
        Properties lister = AuthzBroker.login(idp, "lister", "lister-secret", Map.of("oauth.scope", "kafka"));
        produce(lister, "listed-1");
        produce(lister, "listed-2");    // matched by the glob "listed-*" in the claim
        assertDenied(lister, "unlisted");
        // Without the 'kafka' scope the policy does not apply at all.
        assertDenied(AuthzBroker.login(idp, "lister", "lister-secret", Map.of()), "listed-1");
    }

    @Test
    void superUsersNeedNoRule() throws Exception {
        produce(AuthzBroker.login(idp, "ops", "ops-secret", Map.of()), "unlisted");
    }
}
