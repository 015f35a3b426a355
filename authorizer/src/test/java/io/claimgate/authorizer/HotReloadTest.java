package io.claimgate.authorizer;

import static io.claimgate.authorizer.TestBroker.user;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.authorizer.metrics.AuthorizerMetrics;
import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.policy.OAuthKafkaPrincipal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy file is re-read when it changes and swapped in atomically; a broken version never
 * replaces the last good one: it is logged once, counted, and flagged by a gauge until fixed.
 */
class HotReloadTest {
    static final OAuthKafkaPrincipal BOB = user("bob");

    // Same length on purpose: a same-size rewrite within the file system's timestamp granularity
    // must still be noticed (the content hash decides).
    static final String ORDERS = policy("orders");
    static final String AUDITS = policy("audits");

    static String policy(String topic) {
        return """
                policies:
                  - name: bob-reads
                    when: principal.name == 'bob'
                    rules:
                      - {action: allow, resource: topic, names: [%s], operations: [read]}
                """.formatted(topic);
    }

    @TempDir
    Path dir;

    @Test
    void aChangedFileIsSwappedIn() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, ORDERS, Map.of("claimgate.policy.reload.seconds", "0"))) {
            assertTrue(broker.allowed(BOB, READ, "orders"));
            assertFalse(broker.authorizer.checkPolicyFileNow(), "unchanged");

            Files.writeString(dir.resolve("policies.yaml"), AUDITS);
            assertTrue(broker.authorizer.checkPolicyFileNow());

            assertFalse(broker.allowed(BOB, READ, "orders"));
            assertTrue(broker.allowed(BOB, READ, "audits"));
        }
    }

    @Test
    void aBrokenFileKeepsTheLastGoodPoliciesAndIsReportedOncePerVersion() throws Exception {
        Path file = dir.resolve("policies.yaml");
        try (TestBroker broker = TestBroker.withPolicy(dir, ORDERS, Map.of("claimgate.policy.reload.seconds", "0"))) {
            double failures = reloads("failure");
            double successes = reloads("success");

            Files.writeString(file, ORDERS.replace("principal.name == 'bob'", "principal.name == 'bob"));
            assertFalse(broker.authorizer.checkPolicyFileNow());
            assertFalse(broker.authorizer.checkPolicyFileNow());
            assertTrue(broker.allowed(BOB, READ, "orders"), "the last good policies stay in force");
            assertEquals(1, lastReloadFailed());
            assertEquals(failures + 1, reloads("failure"), "one report per broken version, not per check");

            Files.writeString(file, "policies: [oops");
            assertFalse(broker.authorizer.checkPolicyFileNow());
            assertEquals(failures + 2, reloads("failure"));

            Files.writeString(file, AUDITS);
            assertTrue(broker.authorizer.checkPolicyFileNow());
            assertEquals(0, lastReloadFailed());
            assertEquals(successes + 1, reloads("success"));
            assertTrue(broker.allowed(BOB, READ, "audits"));
        }
    }

    @Test
    void aDeletedFileKeepsTheLastGoodPolicies() throws Exception {
        Path file = dir.resolve("policies.yaml");
        try (TestBroker broker = TestBroker.withPolicy(dir, ORDERS, Map.of("claimgate.policy.reload.seconds", "0"))) {
            Files.delete(file);
            assertFalse(broker.authorizer.checkPolicyFileNow());
            assertEquals(1, lastReloadFailed());
            assertTrue(broker.allowed(BOB, READ, "orders"));

            Files.writeString(file, ORDERS);   // e.g. an editor's delete-and-rename completing
            assertFalse(broker.authorizer.checkPolicyFileNow(), "same content as in force: nothing to swap");
            assertEquals(0, lastReloadFailed());
        }
    }

    @Test
    void theFileIsCheckedOnItsOwnEveryReloadInterval() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, ORDERS, Map.of("claimgate.policy.reload.seconds", "1"))) {
            Files.writeString(dir.resolve("policies.yaml"), AUDITS);
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (!broker.allowed(BOB, READ, "audits") && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
            assertTrue(broker.allowed(BOB, READ, "audits"));
            assertFalse(broker.allowed(BOB, READ, "orders"));
        }
    }

    static double reloads(String result) {
        var counter = ClaimgateMetrics.registry().find(AuthorizerMetrics.POLICY_RELOADS).tag("result", result)
                .functionCounter();
        return counter == null ? 0 : counter.count();
    }

    static double lastReloadFailed() {
        return ClaimgateMetrics.registry().get(AuthorizerMetrics.POLICY_LAST_RELOAD_FAILED).gauge().value();
    }
}
