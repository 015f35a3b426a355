package io.claimgate.authorizer;

import static io.claimgate.authorizer.TestBroker.request;
import static io.claimgate.authorizer.TestBroker.user;
import static org.apache.kafka.common.acl.AclOperation.ALL;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.acl.AclPermissionType.ALLOW;
import static org.apache.kafka.common.acl.AclPermissionType.DENY;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;
import static org.apache.kafka.server.authorizer.AuthorizationResult.ALLOWED;
import static org.apache.kafka.server.authorizer.AuthorizationResult.DENIED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.claimgate.policy.OAuthKafkaPrincipal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "May the requester do this on at least one resource of the type?" (Kafka asks it e.g. for
 * idempotent producers), answered from the requester's own ACLs and the type's policy rules with
 * the semantics of Kafka's default implementation.
 */
class AuthorizeByResourceTypeTest {
    static final OAuthKafkaPrincipal BOB = user("bob", List.of("ops"), Set.of("kafka"), Map.of("topics", List.of("t1")));

    @TempDir
    Path dir;

    @Test
    void aPolicyAllowOnSomeTopicsAllowsTheOperationOnTheType() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, HeadlineScenarioTest.DESIGN_POLICY, Map.of())) {
            assertEquals(ALLOWED, byType(broker, user("client1"), WRITE, TOPIC));
            assertEquals(DENIED, byType(broker, user("client2"), WRITE, TOPIC));
            assertEquals(ALLOWED, byType(broker, user("client2"), AclOperation.DESCRIBE, TOPIC));
            assertEquals(ALLOWED, byType(broker, BOB, WRITE, TOPIC), "names_from grants t1 (operations: all)");
            assertEquals(DENIED, byType(broker, user("nobody"), WRITE, TOPIC));
        }
    }

    @Test
    void kafkasDominationRulesApplyToAclsAndPolicies() throws Exception {
        try (TestBroker broker = TestBroker.withPolicy(dir, """
                policies:
                  - name: no-writes-for-ops
                    when: "'ops' in groups"
                    rules:
                      - {action: deny, resource: transactional_id, names: ["app-*"], operations: [write]}
                """, Map.of())) {
            broker.addAcl("User:bob", ALLOW, WRITE, TRANSACTIONAL_ID, "app-1", LITERAL, "*");
            broker.addAcl("User:bob", ALLOW, WRITE, TRANSACTIONAL_ID, "app-", PREFIXED, "*");
            assertEquals(DENIED, byType(broker, BOB, WRITE, TRANSACTIONAL_ID), "both allows lie under the deny");

            broker.addAcl("Group:ops", ALLOW, ALL, TRANSACTIONAL_ID, "batch-7", LITERAL, "*");
            assertEquals(ALLOWED, byType(broker, BOB, WRITE, TRANSACTIONAL_ID), "batch-7 is not denied");

            broker.addAcl("User:*", DENY, WRITE, TRANSACTIONAL_ID, "*", LITERAL, "*");
            assertEquals(DENIED, byType(broker, BOB, WRITE, TRANSACTIONAL_ID), "a wildcard deny denies the type");
        }
    }

    @Test
    void onlyTheExactOperationOrAllCountsAsInKafka() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of())) {
            broker.allowAcl("User:bob", READ, TOPIC, "t");
            assertEquals(DENIED, byType(broker, BOB, AclOperation.DESCRIBE, TOPIC));
            assertEquals(ALLOWED, byType(broker, BOB, READ, TOPIC));
        }
    }

    @Test
    void superUsersAndAllowEveryoneBehaveAsInKafka() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of("super.users", "User:admin",
                "allow.everyone.if.no.acl.found", "true"))) {
            assertEquals(ALLOWED, byType(broker, new KafkaPrincipal("User", "admin"), WRITE, TOPIC));
            assertEquals(ALLOWED, byType(broker, BOB, WRITE, TOPIC), "no ACL names 'hardcode', as Kafka checks");
        }
    }

    @Test
    void auditModeAllowsAndAnyOrUnknownAreRefused() throws Exception {
        try (TestBroker broker = TestBroker.start(Map.of("claimgate.authorizer.mode", "audit"))) {
            assertEquals(ALLOWED, byType(broker, BOB, WRITE, TOPIC));
            assertThrows(IllegalArgumentException.class, () -> byType(broker, BOB, AclOperation.ANY, TOPIC));
            assertThrows(IllegalArgumentException.class, () -> byType(broker, BOB, WRITE, ResourceType.ANY));
        }
    }

    static AuthorizationResult byType(TestBroker broker, KafkaPrincipal principal, AclOperation op, ResourceType type) {
        return broker.authorizer.authorizeByResourceType(request(principal), op, type);
    }
}
