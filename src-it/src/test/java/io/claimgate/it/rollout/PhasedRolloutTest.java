package io.claimgate.it.rollout;

import static io.claimgate.it.rollout.RolloutCluster.GROUP;
import static io.claimgate.it.rollout.RolloutCluster.LEGACY;
import static io.claimgate.it.rollout.RolloutCluster.OAUTH;
import static io.claimgate.it.rollout.RolloutCluster.PARTITIONS;
import static io.claimgate.it.rollout.RolloutCluster.SCRAM;
import static io.claimgate.it.rollout.RolloutCluster.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.it.BrokerLogOnFailure;
import io.claimgate.it.BrokerNode;
import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.FreePorts;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.Resources;
import io.claimgate.it.rollout.DecisionLines.Denial;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * docs/ROLLOUT.md, step by step, on three combined KRaft nodes, with a producer and two consumers
 * running from the first step to the last: from a cluster serving unauthenticated (PLAINTEXT) and
 * SCRAM clients to OAUTHBEARER with ClaimAuthorizer enforcing, by rolling restarts only.
 *
 * <p>Proves: no acknowledged record is lost and every record sent is acknowledged (the producer
 * retries, the application re-sends what it gave up on); the consumer group reads every record
 * across three client moves and nine node restarts; the SCRAM user {@code app1} moved to OAuth keeps
 * {@code User:app1} (from a token claim) and its ACLs; audit mode reports who still connects the
 * old way (metrics per listener and mechanism, decision-log lines per principal and listener); and
 * the denials audit mode reported once every client had moved are exactly those enforce mode makes.
 */
@ExtendWith(BrokerLogOnFailure.class)
class PhasedRolloutTest {
    private static final Logger LOG = LoggerFactory.getLogger(PhasedRolloutTest.class);
    private static final Duration FLOW = Duration.ofSeconds(60);
    private static final Duration LOG_WAIT = Duration.ofSeconds(30);
    private static final String APP1_PASSWORD = "app1-secret";

    private final List<AutoCloseable> open = new ArrayList<>();
    private final Map<String, Long> stepMillis = new LinkedHashMap<>();
    private long stepStart = System.nanoTime();

    @AfterEach
    void closeEverything() {
        List<AutoCloseable> lastFirst = new ArrayList<>(open);
        Collections.reverse(lastFirst);   // clients before the cluster, the cluster before the IdP
        Resources.closeAll(lastFirst.toArray(AutoCloseable[]::new));
    }

    @Test
    void movesAPlaintextAndScramClusterToOAuthWithoutLosingARecord() throws Exception {
        long begin = System.nanoTime();
        EmbeddedIdp idp = keep(EmbeddedIdp.builder()
                // The IdP client replacing SCRAM user app1 carries its old Kafka user name in a claim.
                .client("orders-service", "orders-service-secret", Map.of(RolloutCluster.USERNAME_CLAIM, "app1"))
                .client("billing", "billing-secret", Map.of())
                .client("reporting", "reporting-secret", Map.of())
                .start());
        List<Integer> metricsPorts = FreePorts.allocate(3);   // never one the kit gives a listener
        BrokerMetrics metrics = new BrokerMetrics(metricsPorts);

        // ---- Step 1: PLAINTEXT and SCRAM clients, StandardAuthorizer with ACLs ----
        KafkaClusterSpec legacy = RolloutCluster.legacy(metricsPorts);
        KafkaCluster cluster = keep(KafkaCluster.start(legacy));
        Admin admin = keep(Admin.create(Clients.admin(cluster.bootstrapServers(KafkaClusterSpec.INTER_BROKER_LISTENER),
                RolloutCluster.operatorLogin())));
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("app1",
                new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), APP1_PASSWORD))).all().get();
        admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 3)
                .configs(Map.of("min.insync.replicas", "2")))).all().get();
        admin.createAcls(List.of(
                allow("User:app1", ResourceType.TOPIC, TOPIC, AclOperation.WRITE),
                allow("User:app1", ResourceType.TOPIC, TOPIC, AclOperation.DESCRIBE),
                // The grants unauthenticated clients have lived on; the operator removes them in step 3.
                allow("User:ANONYMOUS", ResourceType.TOPIC, TOPIC, AclOperation.READ),
                allow("User:ANONYMOUS", ResourceType.GROUP, GROUP, AclOperation.READ))).all().get();
        awaitScramLoginOnEveryNode(cluster, "app1", APP1_PASSWORD);

        SequencedProducer producer = keep(new SequencedProducer(TOPIC, RolloutCluster.producer(
                cluster.bootstrapServers(SCRAM), RolloutCluster.scram("app1", APP1_PASSWORD))));
        SequencedConsumer billing = keep(new SequencedConsumer("billing", TOPIC,
                Clients.consumer(cluster.bootstrapServers(LEGACY), GROUP, Clients.plaintext())));
        ReportingReader reporting = keep(new ReportingReader(TOPIC, PARTITIONS,
                Clients.consumer(cluster.bootstrapServers(LEGACY), "unused", Clients.plaintext())));
        RollingRestart.Checkpoint flows = () -> {
            producer.awaitProgress(20, FLOW);
            billing.awaitProgress(20, FLOW);
        };
        flows.run();
        reporting.awaitProgress(20, FLOW);
        step("1 start (3 nodes, topic, ACLs, clients flowing)");

        // ---- Steps 2 and 3: OAUTHBEARER listener, principal builder, ClaimAuthorizer in audit mode ----
        KafkaClusterSpec audit = RolloutCluster.oauthInAudit(legacy, idp);
        RollingRestart.roll(cluster, audit, admin, flows);
        step("2+3 rolling restart: OAUTHBEARER listener, ClaimAuthorizer audit");

        // The operator puts the target ACLs in place: the ANONYMOUS grants go. Audit mode keeps the
        // old clients working and names them, per principal and listener.
        KafkaCluster.LogMark grantsRemoved = cluster.mark();
        admin.deleteAcls(List.of(new AclBindingFilter(ResourcePatternFilter.ANY, new AccessControlEntryFilter(
                "User:ANONYMOUS", null, AclOperation.ANY, AclPermissionType.ANY)))).all().get();
        cluster.awaitLogLine(grantsRemoved, DecisionLines.line(DecisionLines.WOULD_DENY_KIND, "User:ANONYMOUS", "READ",
                "TOPIC:" + TOPIC, LEGACY), LOG_WAIT);
        cluster.awaitLogLine(grantsRemoved, DecisionLines.line(DecisionLines.WOULD_DENY_KIND, "User:ANONYMOUS", "READ",
                "GROUP:" + GROUP, LEGACY), LOG_WAIT);
        flows.run();
        reporting.awaitProgress(20, FLOW);
        assertTrue(metrics.sum("claimgate_authentications_total", Map.of("listener", LEGACY,
                "mechanism", "PLAINTEXT", "outcome", "succeeded")) > 0, "unauthenticated connections counted");
        assertTrue(metrics.sum("claimgate_authentications_total", Map.of("listener", SCRAM,
                "mechanism", "SCRAM-SHA-512", "outcome", "succeeded")) > 0, "SCRAM connections counted");
        assertTrue(metrics.sum("claimgate_authorizer_audit_would_deny_total",
                Map.of("operation", "read", "resource_type", "topic")) > 0, "would-deny counted");
        step("3 audit: old connections and would-deny visible");

        // ---- Step 4: the clients move to OAUTHBEARER, one by one ----
        String oauth = cluster.bootstrapServers(OAUTH);
        admin.createAcls(List.of(
                allow("User:billing", ResourceType.TOPIC, TOPIC, AclOperation.READ),
                allow("User:billing", ResourceType.GROUP, GROUP, AclOperation.READ))).all().get();
        billing.moveTo(Clients.consumer(oauth, GROUP, Clients.claimgateOAuth(idp, "billing", "billing-secret", Map.of())));
        billing.awaitProgress(20, FLOW);
        // app1: no ACL change; the token's kafka_user claim makes it User:app1 again.
        producer.moveTo(RolloutCluster.producer(oauth,
                Clients.claimgateOAuth(idp, "orders-service", "orders-service-secret", Map.of())));
        producer.awaitProgress(20, FLOW);
        // The operator's slip, which audit mode is there to catch: reporting gets DESCRIBE, not READ.
        admin.createAcls(List.of(allow("User:reporting", ResourceType.TOPIC, TOPIC, AclOperation.DESCRIBE))).all().get();
        reporting.moveTo(ReportingReader.withoutGroup(
                Clients.consumer(oauth, "unused", Clients.claimgateOAuth(idp, "reporting", "reporting-secret", Map.of()))));
        reporting.awaitProgress(20, FLOW);
        Thread.sleep(500);   // requests the old clients had in flight are logged by now

        KafkaCluster.LogMark allMoved = cluster.mark();
        double legacyLogins = metrics.sum("claimgate_authentications_total", Map.of("listener", LEGACY));
        double scramLogins = metrics.sum("claimgate_authentications_total", Map.of("listener", SCRAM));
        cluster.awaitLogLine(allMoved, DecisionLines.line(DecisionLines.WOULD_DENY_KIND, "User:reporting", "READ",
                "TOPIC:" + TOPIC, OAUTH), LOG_WAIT);
        flows.run();
        reporting.awaitProgress(20, FLOW);
        assertEquals(legacyLogins, metrics.sum("claimgate_authentications_total", Map.of("listener", LEGACY)),
                "nobody connects to the PLAINTEXT listener any more");
        assertEquals(scramLogins, metrics.sum("claimgate_authentications_total", Map.of("listener", SCRAM)),
                "nobody connects with SCRAM any more");
        KafkaCluster.LogMark beforeEnforce = cluster.mark();
        Set<Denial> wouldDeny = DecisionLines.denials(
                cluster.logLines(allMoved, beforeEnforce, DecisionLines.WOULD_DENY), DecisionLines.WOULD_DENY);
        assertEquals(Set.of(new Denial("User:reporting", "READ", "TOPIC:" + TOPIC)), wouldDeny,
                "once every client has moved, audit mode reports only the missing grant");
        step("4 clients moved to OAUTHBEARER");

        // ---- Step 5: enforce ----
        KafkaClusterSpec enforce = RolloutCluster.enforce(audit);
        RollingRestart.roll(cluster, enforce, admin, flows);
        KafkaCluster.LogMark enforcing = cluster.mark();
        reporting.awaitDenied(3, FLOW);
        cluster.awaitLogLine(enforcing, DecisionLines.line(DecisionLines.DENIED_KIND, "User:reporting", "READ",
                "TOPIC:" + TOPIC, OAUTH), LOG_WAIT);
        flows.run();
        KafkaCluster.LogMark afterEnforce = cluster.mark();
        assertEquals(wouldDeny, DecisionLines.denials(
                        cluster.logLines(beforeEnforce, afterEnforce, DecisionLines.DENIED), DecisionLines.DENIED),
                "enforce mode denies exactly what audit mode reported");
        assertEquals(List.of(), cluster.logLines(enforcing, afterEnforce, DecisionLines.WOULD_DENY),
                "no node is in audit mode any more");
        assertEquals(0.0, metrics.sum("claimgate_authorizer_audit_would_deny_total", Map.of()));
        assertTrue(metrics.sum("claimgate_authorizer_decisions_total",
                Map.of("result", "denied", "operation", "read", "resource_type", "topic")) > 0);
        step("5 rolling restart: enforce");

        // ---- Step 6: the PLAINTEXT listener goes ----
        RollingRestart.roll(cluster, RolloutCluster.withoutLegacy(enforce), admin, flows);
        for (BrokerNode node : cluster.nodes()) {
            assertFalse(accepts(node.port(LEGACY)), "node " + node.id() + " still listens on " + LEGACY);
        }
        step("6 rolling restart: PLAINTEXT listener removed");

        // ---- Nothing lost ----
        producer.close();
        Set<Long> acknowledged = producer.acknowledged();
        assertEquals(Set.of(), producer.unacknowledged(), "every record sent is acknowledged (the last failure: "
                + producer.lastFailure() + ")");
        billing.awaitAll(acknowledged, FLOW);
        Set<Long> missing = new TreeSet<>(acknowledged);
        missing.removeAll(billing.received());
        assertEquals(Set.of(), missing, "acknowledged records the consumer group never read");
        step("drain and compare");
        LOG.info("Phased rollout: {} records sent and acknowledged, {} re-sent by the application, {} batches retried"
                        + " by the producer, {} consumer errors, {} denied reporting polls; steps (ms): {}; total {} s",
                producer.sent(), producer.failedSends(), producer.kafkaRetries(), billing.errors(), reporting.denied(),
                stepMillis, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begin));
    }

    private <T extends AutoCloseable> T keep(T resource) {
        open.add(resource);
        return resource;
    }

    private void step(String name) {
        long now = System.nanoTime();
        stepMillis.put(name, TimeUnit.NANOSECONDS.toMillis(now - stepStart));
        LOG.info("Rollout step done: {} ({} ms)", name, stepMillis.get(name));
        stepStart = now;
    }

    private static AclBinding allow(String principal, ResourceType type, String name, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    /** SCRAM credentials reach each broker through the metadata log, a moment after the admin call. */
    private static void awaitScramLoginOnEveryNode(KafkaCluster cluster, String user, String password) throws Exception {
        Properties security = RolloutCluster.scram(user, password);
        long deadline = System.nanoTime() + LOG_WAIT.toNanos();
        for (BrokerNode node : cluster.nodes()) {
            while (true) {
                try (Admin scram = Admin.create(Clients.admin("127.0.0.1:" + node.port(SCRAM), security))) {
                    scram.describeCluster().clusterId().get();
                    break;
                } catch (ExecutionException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
