package io.claimgate.authorizer;

import static io.claimgate.authorizer.TestBroker.user;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.authorizer.metrics.AuthorizerMetrics;
import io.claimgate.common.metrics.ClaimgateMetrics;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.junit.jupiter.api.Test;

/** The authorizer's meters, on the shared registry published over JMX under the domain claimgate. */
class MetricsTest {

    @Test
    void decisionsAreCountedByResultOperationAndResourceType() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            broker.allowAcl("User:bob", READ, TOPIC, "orders");
            double allowed = decisions("allowed", "read");
            double denied = decisions("denied", "write");

            assertTrue(broker.allowed(user("bob"), READ, "orders"));
            assertFalse(broker.allowed(user("bob"), WRITE, "orders"));

            assertEquals(allowed + 1, decisions("allowed", "read"));
            assertEquals(denied + 1, decisions("denied", "write"));
        }
    }

    @Test
    void decisionsServedFromTheCacheAreCountedEveryTime() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            broker.allowAcl("User:carol", READ, TOPIC, "cached-orders");
            double allowed = decisions("allowed", "read");
            double denied = decisions("denied", "write");
            double perTopic = topicDenials("cached-orders");

            for (int i = 0; i < 3; i++) {   // the first decides, the others are cache hits
                assertTrue(broker.allowed(user("carol"), READ, "cached-orders"));
                assertFalse(broker.allowed(user("carol"), WRITE, "cached-orders"));
            }
            // Metadata filtering (logIfDenied=false) hits the same cache entry but is not counted per topic.
            Action filtering = new Action(WRITE, new ResourcePattern(TOPIC, "cached-orders", PatternType.LITERAL),
                    1, false, false);
            assertEquals(AuthorizationResult.DENIED,
                    broker.authorizer.authorize(TestBroker.request(user("carol")), List.of(filtering)).get(0));

            assertEquals(allowed + 3, decisions("allowed", "read"));
            assertEquals(denied + 4, decisions("denied", "write"));
            assertEquals(perTopic + 3, topicDenials("cached-orders"));
        }
    }

    @Test
    void deniedTopicsAreCountedWithBoundedCardinality() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            for (int i = 0; i < AuthorizerMetrics.MAX_TOPIC_TAGS + 50; i++) {
                broker.allowed(user("scanner"), READ, "random-" + i);
            }
            int tags = ClaimgateMetrics.registry().find(AuthorizerMetrics.TOPIC_DENIALS).functionCounters().size();
            assertTrue(tags <= AuthorizerMetrics.MAX_TOPIC_TAGS + 1, tags + " topic tags");
            assertTrue(ClaimgateMetrics.registry().get(AuthorizerMetrics.TOPIC_DENIALS)
                    .tag("topic", AuthorizerMetrics.OTHER_TOPIC).functionCounter().count() >= 50);
        }
    }

    @Test
    void metersArePublishedOverJmxUnderTheClaimgateDomain() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            broker.allowed(user("bob"), READ, "orders");
            Set<ObjectName> names = ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("claimgate:*"), null);
            assertTrue(names.stream().anyMatch(n -> n.toString().contains("name=authorizer.decisions,")), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.toString().contains("name=policy.last.reload.failed")), names.toString());
        }
    }

    static double topicDenials(String topic) {
        return ClaimgateMetrics.registry().find(AuthorizerMetrics.TOPIC_DENIALS).tag("topic", topic).functionCounters()
                .stream().mapToDouble(c -> c.count()).sum();
    }

    static double decisions(String result, String operation) {
        return ClaimgateMetrics.registry().find(AuthorizerMetrics.DECISIONS).tags("result", result,
                "operation", operation, "resource_type", "topic").functionCounters().stream()
                .mapToDouble(c -> c.count()).sum();
    }
}
