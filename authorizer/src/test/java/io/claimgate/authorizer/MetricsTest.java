package io.claimgate.authorizer;

import static io.claimgate.authorizer.TestBroker.user;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.authorizer.config.AuthorizerOptions;
import io.claimgate.authorizer.metrics.AuthorizerMetrics;
import io.claimgate.common.metrics.ClaimgateMetrics;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.ObjectName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
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
            for (int i = 0; i < AuthorizerOptions.DEFAULT_METRICS_MAX_TOPICS + 50; i++) {
                broker.allowed(user("scanner"), READ, "random-" + i);
            }
            int tags = ClaimgateMetrics.registry().find(AuthorizerMetrics.TOPIC_DENIALS).functionCounters().size();
            assertTrue(tags <= AuthorizerOptions.DEFAULT_METRICS_MAX_TOPICS + 1, tags + " topic tags");
            assertTrue(ClaimgateMetrics.registry().get(AuthorizerMetrics.TOPIC_DENIALS)
                    .tag("topic", AuthorizerMetrics.OTHER_TOPIC).functionCounter().count() >= 50);
            Set<String> decided = new HashSet<>();
            ClaimgateMetrics.registry().find(AuthorizerMetrics.TOPIC_DECISIONS).functionCounters()
                    .forEach(c -> decided.add(c.getId().getTag("topic")));
            assertTrue(decided.size() <= AuthorizerOptions.DEFAULT_METRICS_MAX_TOPICS + 1, decided.size() + " topic tags");
        }
    }

    @Test
    void allowedAndDeniedDecisionsAreCountedPerTopicAndOperation() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            broker.allowAcl("User:dave", READ, TOPIC, "per-topic-orders");
            for (int i = 0; i < 3; i++) {   // the first decides, the others are cache hits
                assertTrue(broker.allowed(user("dave"), READ, "per-topic-orders"));
            }
            assertFalse(broker.allowed(user("dave"), WRITE, "per-topic-orders"));
            // Metadata filtering is a decision Kafka was told too: counted per topic (not as a denial).
            Action filtering = new Action(WRITE, new ResourcePattern(TOPIC, "per-topic-orders", PatternType.LITERAL),
                    1, false, false);
            broker.authorizer.authorize(TestBroker.request(user("dave")), List.of(filtering));

            assertEquals(3, topicDecisions("per-topic-orders", "read", "allowed"));
            assertEquals(2, topicDecisions("per-topic-orders", "write", "denied"));
            assertEquals(0, topicDecisions("per-topic-orders", "read", "denied"));
            assertEquals(1, topicDenials("per-topic-orders"));
        }
    }

    @Test
    void topicsBeyondTheConfiguredBoundCountUnderTheOverflowTag() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of(AuthorizerOptions.METRICS_MAX_TOPICS, "0"))) {
            assertEquals(0, AuthorizerMetrics.on(ClaimgateMetrics.registry()).maxTopics());
            double other = topicDecisions(AuthorizerMetrics.OTHER_TOPIC, "describe", "denied");
            assertFalse(broker.allowed(user("erin"), DESCRIBE, "beyond-the-bound"));
            assertEquals(other + 1, topicDecisions(AuthorizerMetrics.OTHER_TOPIC, "describe", "denied"));
            assertTrue(ClaimgateMetrics.registry().find(AuthorizerMetrics.TOPIC_DECISIONS)
                    .tag("topic", "beyond-the-bound").functionCounters().isEmpty());
        } finally {
            AuthorizerMetrics.on(ClaimgateMetrics.registry()).maxTopics(AuthorizerOptions.DEFAULT_METRICS_MAX_TOPICS);
        }
    }

    @Test
    void metersArePublishedAsKafkaPluginMetricsToo() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of());
             Metrics kafkaMetrics = new Metrics();
             PluginMetricsImpl plugin = new PluginMetricsImpl(kafkaMetrics,
                     Map.of("config", "authorizer.class.name", "class", "ClaimAuthorizer"))) {
            broker.authorizer.withPluginMetrics(plugin);
            broker.allowAcl("User:frank", READ, TOPIC, "plugin-metrics-orders");
            assertTrue(broker.allowed(user("frank"), READ, "plugin-metrics-orders"));   // a new meter, after attaching
            assertTrue(broker.allowed(user("frank"), READ, "plugin-metrics-orders"));

            Map<String, Double> values = new HashMap<>();
            kafkaMetrics.metrics().forEach((name, metric) -> {
                if (name.name().equals(AuthorizerMetrics.TOPIC_DECISIONS)
                        && "plugin-metrics-orders".equals(name.tags().get("topic"))) {
                    values.put(name.tags().get("operation") + "/" + name.tags().get("result"),
                            ((Number) metric.metricValue()).doubleValue());
                }
            });
            assertEquals(Map.of("read/allowed", 2.0), values);
            assertTrue(kafkaMetrics.metrics().keySet().stream().anyMatch(n -> n.name().equals(AuthorizerMetrics.DECISIONS)),
                    "meters registered before attaching are published too");
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

    static double topicDecisions(String topic, String operation, String result) {
        return ClaimgateMetrics.registry().find(AuthorizerMetrics.TOPIC_DECISIONS)
                .tags("topic", topic, "operation", operation, "result", result).functionCounters()
                .stream().mapToDouble(c -> c.count()).sum();
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
