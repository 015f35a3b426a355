package io.claimgate.authorizer;

import static io.claimgate.authorizer.TestBroker.user;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.authorizer.metrics.AuthorizerMetrics;
import io.claimgate.common.metrics.ClaimgateMetrics;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code claimgate.authorizer.mode=audit}, for rolling policies out on an open cluster: what
 * enforce mode would deny is logged and counted, and allowed.
 */
class AuditModeTest {
    static final String POLICY = """
            policies:
              - name: client1-reads
                when: principal.name == 'client1'
                rules:
                  - {action: allow, resource: topic, names: [orders], operations: [read]}
            """;

    @TempDir
    Path dir;

    @Test
    void auditModeAllowsWhatEnforceModeDeniesAndCountsIt() throws Exception {
        try (TestBroker enforce = TestBroker.withPolicy(dir, POLICY, Map.of())) {
            assertFalse(enforce.allowed(user("client2"), WRITE, "orders"));
        }
        try (TestBroker audit = TestBroker.withPolicy(dir, POLICY, Map.of("claimgate.authorizer.mode", "Audit"))) {
            double wouldDeny = count(AuthorizerMetrics.AUDIT_WOULD_DENY, "operation", "write");
            double topicDenials = all(AuthorizerMetrics.TOPIC_DENIALS);
            double deniedDecisions = count(AuthorizerMetrics.DECISIONS, "result", "denied");

            assertTrue(audit.allowed(user("client2"), WRITE, "orders"));
            assertTrue(audit.allowed(user("client1"), READ, "orders"), "allowed anyway, not counted");

            assertEquals(wouldDeny + 1, count(AuthorizerMetrics.AUDIT_WOULD_DENY, "operation", "write"));
            assertEquals(topicDenials + 1, all(AuthorizerMetrics.TOPIC_DENIALS), "counted per topic too");
            assertEquals(deniedDecisions, count(AuthorizerMetrics.DECISIONS, "result", "denied"),
                    "Kafka was told 'allowed'");
        }
    }

    static double all(String name) {
        return ClaimgateMetrics.registry().find(name).functionCounters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** Sum of a counter over all its tag combinations that carry this tag. */
    static double count(String name, String tag, String value) {
        return ClaimgateMetrics.registry().find(name).tag(tag, value).functionCounters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
