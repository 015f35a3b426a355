package io.claimgate.authorizer;

import static io.claimgate.authorizer.TestBroker.user;
import static org.apache.kafka.common.acl.AclOperation.ALL;
import static org.apache.kafka.common.acl.AclOperation.ALTER_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.acl.AclPermissionType.ALLOW;
import static org.apache.kafka.common.acl.AclPermissionType.DENY;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.policy.OAuthKafkaPrincipal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.errors.AuthorizerNotReadyException;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The decision order of docs/POLICY.md, with Kafka's ACL semantics: super users; any deny (policy or ACL, for
 * the user, {@code User:*} or one of its groups) wins; then any allow; else deny, or allow when
 * {@code allow.everyone.if.no.acl.found=true} and nothing names the resource.
 */
class DecisionOrderTest {
    static final OAuthKafkaPrincipal ALICE = user("alice", List.of("ops"), Set.of(), Map.of("sub", "alice"));
    static final OAuthKafkaPrincipal BOB = user("bob");

    @TempDir
    Path dir;

    @Test
    void aPolicyDenyWinsOverAnAclAllow() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, """
                policies:
                  - name: no-writes-to-audit
                    rules:
                      - {action: deny, resource: topic, names: ["audit-*"], operations: [write]}
                """, Map.of())) {
            broker.allowAcl("User:alice", ALL, TOPIC, "audit-log");

            assertFalse(broker.allowed(ALICE, WRITE, "audit-log"));
            assertTrue(broker.allowed(ALICE, READ, "audit-log"), "the deny covers write only");
        }
    }

    @Test
    void anAclDenyWinsOverAPolicyAllow() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, """
                policies:
                  - name: everyone-reads
                    rules:
                      - {action: allow, resource: topic, names: ["*"], operations: [read]}
                """, Map.of())) {
            broker.denyAcl("User:bob", READ, TOPIC, "payroll");

            assertFalse(broker.allowed(BOB, READ, "payroll"));
            assertTrue(broker.allowed(BOB, READ, "orders"));
            assertTrue(broker.allowed(ALICE, READ, "payroll"), "the deny is bob's only");
        }
    }

    @Test
    void readWriteDeleteAlterImplyDescribeButOnlyInAllows() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            broker.allowAcl("User:alice", WRITE, TOPIC, "orders");
            broker.denyAcl("User:alice", READ, TOPIC, "orders");

            assertTrue(broker.allowed(ALICE, DESCRIBE, "orders"), "WRITE implies DESCRIBE");
            assertFalse(broker.allowed(ALICE, READ, "orders"));
            // A DENY on READ does not deny DESCRIBE (Kafka's rule).
            assertTrue(broker.allowed(ALICE, DESCRIBE, "orders"));
        }
    }

    @Test
    void alterConfigsImpliesDescribeConfigsAndAllImpliesEverything() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, """
                policies:
                  - name: config-admins
                    when: "'ops' in groups"
                    rules:
                      - {action: allow, resource: topic, names: ["cfg-*"], operations: [alter_configs]}
                      - {action: allow, resource: topic, names: ["own-*"], operations: [all]}
                """, Map.of())) {
            assertTrue(broker.allowed(ALICE, DESCRIBE_CONFIGS, "cfg-1"));
            assertFalse(broker.allowed(ALICE, DESCRIBE, "cfg-1"), "alter_configs does not imply describe");
            for (var op : List.of(READ, WRITE, DESCRIBE, ALTER_CONFIGS, org.apache.kafka.common.acl.AclOperation.DELETE)) {
                assertTrue(broker.allowed(ALICE, op, "own-x"), op.toString());
            }
            assertFalse(broker.allowed(BOB, READ, "own-x"), "bob is not in ops");
        }
    }

    @Test
    void aclsGrantedToAGroupApplyToItsMembers() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            broker.allowAcl("Group:ops", READ, TOPIC, "metrics");
            broker.addAcl("Group:ops", ALLOW, READ, GROUP, "ops-", PatternType.PREFIXED, "*");

            assertTrue(broker.allowed(ALICE, READ, "metrics"));
            assertTrue(broker.allowed(ALICE, READ, GROUP, "ops-dashboard"));
            assertFalse(broker.allowed(BOB, READ, "metrics"));
            // A plain KafkaPrincipal of that name is not a member of anything.
            assertFalse(broker.allowed(new KafkaPrincipal("User", "alice"), READ, TOPIC, "metrics"));
        }
    }

    @Test
    void aDenyForAGroupDeniesItsMembersEvenWithTheirOwnAllow() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            broker.allowAcl("User:alice", ALL, TOPIC, "*");
            broker.addAcl("Group:ops", DENY, ALL, TOPIC, "secret-", PatternType.PREFIXED, "*");

            assertFalse(broker.allowed(ALICE, READ, "secret-plans"));
            assertTrue(broker.allowed(ALICE, READ, "public"));
        }
    }

    @Test
    void theGroupPrincipalTypeIsConfigurable() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of("claimgate.group.principal.type", "Team"))) {
            broker.allowAcl("Team:ops", READ, TOPIC, "metrics");
            broker.allowAcl("Group:ops", WRITE, TOPIC, "metrics");

            assertTrue(broker.allowed(ALICE, READ, "metrics"));
            assertFalse(broker.allowed(ALICE, WRITE, "metrics"));
        }
    }

    @Test
    void wildcardPrincipalAndWildcardAndPrefixedResourcesMatchLikeKafka() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            broker.allowAcl("User:*", DESCRIBE, TOPIC, "*");
            broker.addAcl("User:bob", ALLOW, WRITE, TOPIC, "bob-", PatternType.PREFIXED, "*");

            assertTrue(broker.allowed(ALICE, DESCRIBE, "anything"));
            assertTrue(broker.allowed(BOB, WRITE, "bob-events"));
            assertFalse(broker.allowed(BOB, WRITE, "bo"));
            assertFalse(broker.allowed(ALICE, WRITE, "bob-events"));
        }
    }

    @Test
    void hostsMatchExactlyOrByWildcard() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            broker.addAcl("User:bob", ALLOW, READ, TOPIC, "orders", PatternType.LITERAL, "10.0.0.7");

            assertEquals(AuthorizationResult.ALLOWED,
                    broker.authorize(TestBroker.request(BOB, "10.0.0.7", ApiKeys.FETCH), READ, TOPIC, "orders"));
            assertEquals(AuthorizationResult.DENIED,
                    broker.authorize(TestBroker.request(BOB, "10.0.0.8", ApiKeys.FETCH), READ, TOPIC, "orders"));
        }
    }

    @Test
    void superUsersAreAllowedEverythingEvenAgainstDenies() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, """
                policies:
                  - name: deny-all
                    rules:
                      - {action: deny, resource: topic, names: ["*"], operations: [all]}
                """, Map.of("super.users", "User:admin;User:bob"))) {
            broker.denyAcl("User:bob", ALL, TOPIC, "*");

            assertTrue(broker.allowed(BOB, WRITE, "anything"));
            assertTrue(broker.allowed(new KafkaPrincipal("User", "admin"), ALL, TOPIC, "x"));
            assertFalse(broker.allowed(ALICE, READ, "anything"));
        }
    }

    @Test
    void allowEveryoneIfNoAclFoundOnlyWhereNothingNamesTheResource() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, """
                policies:
                  - name: client1-orders
                    when: principal.name == 'client1'
                    rules:
                      - {action: allow, resource: topic, names: ["orders"], operations: [read]}
                """, Map.of("allow.everyone.if.no.acl.found", "true"))) {
            broker.allowAcl("User:carol", READ, TOPIC, "payroll");

            assertTrue(broker.allowed(BOB, WRITE, "scratch"), "nothing names 'scratch'");
            assertFalse(broker.allowed(BOB, READ, "payroll"), "an ACL for someone else names 'payroll'");
            assertFalse(broker.allowed(BOB, READ, "orders"), "a policy rule names 'orders'");
        }
    }

    @Test
    void beforeTheInitialAclLoadOnlySuperUsersAreAnswered() throws Exception {
        ClaimAuthorizer authorizer = new ClaimAuthorizer();
        authorizer.configure(Map.of("node.id", "1", "super.users", "User:admin"));
        try {
            List<Action> read = List.of(TestBroker.action(READ, TOPIC, "t"));
            assertEquals(List.of(AuthorizationResult.ALLOWED),
                    authorizer.authorize(TestBroker.request(new KafkaPrincipal("User", "admin")), read));
            assertThrows(AuthorizerNotReadyException.class, () -> authorizer.authorize(TestBroker.request(BOB), read));
            authorizer.completeInitialLoad();
            assertEquals(List.of(AuthorizationResult.DENIED), authorizer.authorize(TestBroker.request(BOB), read));
        } finally {
            authorizer.close();
        }
    }

    @Test
    void onlyLiteralResourcesCanBeAuthorized() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            Action prefixed = new Action(READ, new ResourcePattern(TOPIC, "a", PatternType.PREFIXED), 1, true, true);
            assertThrows(IllegalArgumentException.class,
                    () -> broker.authorizer.authorize(TestBroker.request(BOB), List.of(prefixed)));
        }
    }

    @Test
    void aclsRemovedOrReplacedBySnapshotStopApplying() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            var id = broker.allowAcl("User:bob", READ, TOPIC, "orders");
            assertTrue(broker.allowed(BOB, READ, "orders"));
            broker.authorizer.removeAcl(id);
            assertFalse(broker.allowed(BOB, READ, "orders"));

            broker.allowAcl("User:bob", READ, TOPIC, "orders");
            broker.authorizer.loadSnapshot(Map.of());
            assertFalse(broker.allowed(BOB, READ, "orders"));
            assertEquals(0, broker.authorizer.aclCount(), "Kafka's own copy follows too");
        }
    }
}
