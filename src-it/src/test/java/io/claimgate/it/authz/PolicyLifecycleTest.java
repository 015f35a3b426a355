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
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy file changes while the broker runs: a good change takes effect without restart; a
 * broken file keeps the last good policy (never opens access) and says so in the log; audit mode
 * allows what enforce mode would deny and logs it.
 */
@ExtendWith(BrokerLogOnFailure.class)
class PolicyLifecycleTest {
    /** Authorizer instances in the test's single combined-mode node: one per role. */
    private static final int AUTHORIZERS = 2;
    private static final String CLIENT2_MAY_WRITE = AuthzBroker.HEADLINE_POLICY.replace(
            "- {action: allow, resource: topic, names: [topic], operations: [read]}",
            "- {action: allow, resource: topic, names: [topic], operations: [read, write]}");

    @TempDir
    Path dir;
    private EmbeddedIdp idp;
    private KafkaCluster cluster;

    @AfterEach
    void stop() {
        Resources.closeAll(cluster, idp);
    }

    private void start(String name, String mode) throws Exception {
        idp = EmbeddedIdp.start();
        Path policy = AuthzBroker.writePolicy(dir, AuthzBroker.HEADLINE_POLICY);
        cluster = KafkaCluster.start(AuthzBroker.spec(name, idp, policy)
                .brokerProperty("claimgate.authorizer.mode", mode).build());
        AuthzBroker.createTopics(cluster, List.of("topic"));
    }

    private Properties client2() {
        return AuthzBroker.login(idp, EmbeddedIdp.CLIENT2, EmbeddedIdp.CLIENT2_SECRET, Map.of());
    }

    private void produce(Properties security) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Clients.producer(cluster.bootstrapServers(AuthzBroker.EXTERNAL), security))) {
            producer.send(new ProducerRecord<>("topic", "k", "v")).get();
        }
    }

    private void assertDenied() {
        ExecutionException e = assertThrows(ExecutionException.class, () -> produce(client2()));
        assertInstanceOf(AuthorizationException.class, e.getCause());
    }

    @Test
    void aChangedPolicyTakesEffectAndABrokenOneKeepsTheLastGood() throws Exception {
        start("reload", "enforce");
        assertDenied();

        var reloaded = cluster.mark();
        AuthzBroker.writePolicy(dir, CLIENT2_MAY_WRITE);
        // The node runs both roles, so two authorizers (the controller's and the broker's) each
        // watch the file on their own schedule: the produce below needs the broker's.
        cluster.awaitLogLines(reloaded, Pattern.compile("Reloaded policy file"), AUTHORIZERS, Duration.ofSeconds(20));
        produce(client2());

        var broken = cluster.mark();
        AuthzBroker.writePolicy(dir, "policies:\n  - name: oops\n    when: principal.name ==\n    rules: []\n");
        cluster.awaitLogLines(broken, Pattern.compile("the previous policies stay in force"), AUTHORIZERS,
                Duration.ofSeconds(20));
        produce(client2());   // still the last good policy: neither closed nor opened

        var notYaml = cluster.mark();
        AuthzBroker.writePolicy(dir, ": not yaml at all [");
        cluster.awaitLogLines(notYaml, Pattern.compile("the previous policies stay in force"), AUTHORIZERS,
                Duration.ofSeconds(20));
        produce(client2());
    }

    @Test
    void auditModeAllowsWhatEnforceModeDeniesAndLogsIt() throws Exception {
        start("audit", "audit");
        var mark = cluster.mark();
        produce(client2());
        cluster.awaitLogLine(mark, Pattern.compile("(?i)audit.*client2.*WRITE|client2.*WRITE.*audit"), Duration.ofSeconds(10));
    }
}
