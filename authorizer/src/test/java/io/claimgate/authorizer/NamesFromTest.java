package io.claimgate.authorizer;

import static io.claimgate.authorizer.TestBroker.user;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.authorizer.metrics.AuthorizerMetrics;
import io.claimgate.common.metrics.ClaimgateMetrics;
import io.claimgate.policy.OAuthKafkaPrincipal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code names_from}: the topics a token lists in a claim; and what happens when a condition
 * cannot be evaluated (e.g. the claim is missing): it never grants, a deny fails closed, and the
 * error is counted every time rather than cached.
 */
class NamesFromTest {
    static final String TEAM_TOPICS = """
            policies:
              - name: team-topics-from-token
                when: "'kafka' in scopes"
                rules:
                  - {action: allow, resource: topic, names_from: "claims.topics", operations: [all]}
            """;

    @TempDir
    Path dir;

    @Test
    void grantsExactlyTheTopicsListedInTheTokensClaim() throws Exception {
        OAuthKafkaPrincipal team = user("team-a", List.of(), Set.of("kafka"),
                Map.of("topics", List.of("orders", "invoices-*")));
        try (TestBroker broker = TestBroker.withPolicy(dir, TEAM_TOPICS, Map.of())) {
            assertTrue(broker.allowed(team, WRITE, "orders"));
            assertTrue(broker.allowed(team, READ, "invoices-2024"));
            assertFalse(broker.allowed(team, READ, "orders-archive"));
            assertFalse(broker.allowed(team, READ, "payroll"));
            assertFalse(broker.allowed(team, READ, ResourceType.GROUP, "orders"), "topic rules say nothing about groups");

            OAuthKafkaPrincipal noScope = user("team-b", List.of(), Set.of("profile"), Map.of("topics", List.of("orders")));
            assertFalse(broker.allowed(noScope, READ, "orders"), "'when' requires the kafka scope");
        }
    }

    @Test
    void aTokenWithoutTheClaimGetsNoNamesAndNoError() throws Exception {
        // The sample policy's example: every client with the kafka scope but no topics claim (client1, client2).
        OAuthKafkaPrincipal noTopics = user("team-c", List.of(), Set.of("kafka"), Map.of("sub", "team-c"));
        try (TestBroker broker = TestBroker.withPolicy(dir, TEAM_TOPICS, Map.of())) {
            double before = errors("team-topics-from-token");
            assertFalse(broker.allowed(noTopics, READ, "orders"));
            assertEquals(before, errors("team-topics-from-token"), "an absent claim is not an error");
        }
    }

    @Test
    void anExpressionThatFailsGrantsNothingAndIsCountedEveryTime() throws Exception {
        OAuthKafkaPrincipal noTopics = user("team-c", List.of(), Set.of("kafka"), Map.of("sub", "team-c", "level", 3L));
        try (TestBroker broker = TestBroker.withPolicy(dir, """
                policies:
                  - name: prefixed-team-topics
                    rules:
                      - {action: allow, resource: topic, names_from: "claims.topics.map(t, 'team-' + t)", operations: [read]}
                  - name: topics-of-the-wrong-type
                    rules:
                      - {action: allow, resource: topic, names_from: "claims.level", operations: [read]}
                """, Map.of())) {
            double computed = errors("prefixed-team-topics");
            double wrongType = errors("topics-of-the-wrong-type");
            assertFalse(broker.allowed(noTopics, READ, "team-orders"));
            assertFalse(broker.allowed(noTopics, READ, "team-orders"));
            assertEquals(computed + 2, errors("prefixed-team-topics"), "more than a claim path: an error, never cached");
            assertEquals(wrongType + 2, errors("topics-of-the-wrong-type"), "a present claim of the wrong type is an error");
        }
    }

    @Test
    void aDenyRuleThatCannotBeEvaluatedDenies() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, """
                policies:
                  - name: everyone-reads
                    rules:
                      - {action: allow, resource: topic, names: ["*"], operations: [read]}
                  - name: tenant-fence
                    when: claims.tenant != 'acme'
                    rules:
                      - {action: deny, resource: topic, names: ["acme-*"], operations: [all]}
                  - name: blocked-topics-from-token
                    rules:
                      - {action: deny, resource: topic, names_from: claims.blocked, operations: [read]}
                """, Map.of())) {
            OAuthKafkaPrincipal acme = user("a", List.of(), Set.of(), Map.of("tenant", "acme", "blocked", List.of()));
            OAuthKafkaPrincipal other = user("o", List.of(), Set.of(), Map.of("tenant", "other", "blocked", List.of("x")));
            OAuthKafkaPrincipal noClaims = user("n", List.of(), Set.of(), Map.of("sub", "n"));

            assertTrue(broker.allowed(acme, READ, "acme-orders"));
            assertFalse(broker.allowed(other, READ, "acme-orders"));
            assertTrue(broker.allowed(other, READ, "y"));
            assertFalse(broker.allowed(other, READ, "x"), "blocked by the token's own claim");
            // Without a tenant claim 'when' fails: the fence applies (fail closed) ...
            assertFalse(broker.allowed(noClaims, READ, "acme-orders"));
            // ... and without 'blocked' the names_from deny covers everything it could name.
            assertFalse(broker.allowed(noClaims, READ, "anything"));
        }
    }

    @Test
    void anAllowWhoseConditionFailsDoesNotAllow() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, """
                policies:
                  - name: premium
                    when: claims.tier == 'premium'
                    rules:
                      - {action: allow, resource: topic, names: ["*"], operations: [read]}
                """, Map.of())) {
            assertTrue(broker.allowed(user("p", List.of(), Set.of(), Map.of("tier", "premium")), READ, "t"));
            assertFalse(broker.allowed(user("q", List.of(), Set.of(), Map.of("sub", "q")), READ, "t"));
        }
    }

    static double errors(String policy) {
        var counter = ClaimgateMetrics.registry().find(AuthorizerMetrics.EVALUATION_ERRORS).tag("policy", policy)
                .functionCounter();
        return counter == null ? 0 : counter.count();
    }
}
