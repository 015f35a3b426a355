package io.claimgate.authorizer;

import static io.claimgate.authorizer.TestBroker.user;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.authorizer.metrics.AuthorizerMetrics;
import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.policy.OAuthKafkaPrincipal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision cache answers repeated questions without re-deciding, and never answers with a
 * decision taken under ACLs or policies that have since changed.
 */
class DecisionCacheTest {
    static final OAuthKafkaPrincipal BOB = user("bob");

    @TempDir
    Path dir;

    @Test
    void aRepeatedRequestIsAnsweredFromTheCache() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            broker.allowAcl("User:bob", READ, TOPIC, "orders");
            double hits = hits();
            assertTrue(broker.allowed(BOB, READ, "orders"));
            // Kafka builds a new principal object per request; equal content is the same requester.
            assertTrue(broker.allowed(user("bob"), READ, "orders"));
            assertEquals(hits + 1, hits());
            assertTrue(gauge(AuthorizerMetrics.CACHE_SIZE) >= 1);
        }
    }

    @Test
    void addingOrRemovingAnAclTakesEffectAtOnce() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            assertFalse(broker.allowed(BOB, READ, "orders"));
            assertFalse(broker.allowed(BOB, READ, "orders"));   // cached deny

            var id = broker.allowAcl("User:bob", READ, TOPIC, "orders");
            assertTrue(broker.allowed(BOB, READ, "orders"));
            assertTrue(broker.allowed(BOB, READ, "orders"));    // cached allow

            broker.authorizer.removeAcl(id);
            assertFalse(broker.allowed(BOB, READ, "orders"));
        }
    }

    @Test
    void aReloadedPolicyTakesEffectAtOnce() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, HotReloadTest.ORDERS,
                Map.of("claimgate.policy.reload.seconds", "0"))) {
            assertTrue(broker.allowed(BOB, READ, "orders"));
            assertTrue(broker.allowed(BOB, READ, "orders"));

            Files.writeString(dir.resolve("policies.yaml"), HotReloadTest.AUDITS);
            assertTrue(broker.authorizer.checkPolicyFileNow());

            assertFalse(broker.allowed(BOB, READ, "orders"));
        }
    }

    @Test
    void theSameNameWithOtherClaimsIsAnotherRequester() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, """
                policies:
                  - name: admins
                    when: "'admin' in groups && claims.level >= 3"
                    rules:
                      - {action: allow, resource: topic, names: ["*"], operations: [read]}
                """, Map.of())) {
            OAuthKafkaPrincipal admin = user("bob", List.of("admin"), Set.of(), Map.of("level", 3L));
            OAuthKafkaPrincipal notYet = user("bob", List.of("admin"), Set.of(), Map.of("level", 2L));
            OAuthKafkaPrincipal noGroup = user("bob", List.of(), Set.of(), Map.of("level", 3L));
            assertTrue(broker.allowed(admin, READ, "t"));
            assertFalse(broker.allowed(notYet, READ, "t"));
            assertFalse(broker.allowed(noGroup, READ, "t"));
            assertTrue(broker.allowed(admin, READ, "t"));
        }
    }

    @Test
    void aCacheSizeOfZeroDecidesEveryTime() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of("claimgate.authorizer.cache.max.entries", "0"))) {
            broker.allowAcl("User:bob", READ, TOPIC, "orders");
            double hits = hits();
            double misses = misses();
            assertTrue(broker.allowed(BOB, READ, "orders"));
            assertTrue(broker.allowed(BOB, READ, "orders"));
            assertEquals(hits, hits());
            assertEquals(misses, misses(), "no lookups at all");
        }
    }

    static double hits() {
        return ClaimgateMetrics.registry().get(AuthorizerMetrics.CACHE_HITS).functionCounter().count();
    }

    static double misses() {
        return ClaimgateMetrics.registry().get(AuthorizerMetrics.CACHE_MISSES).functionCounter().count();
    }

    static double gauge(String name) {
        return ClaimgateMetrics.registry().get(name).gauge().value();
    }
}
