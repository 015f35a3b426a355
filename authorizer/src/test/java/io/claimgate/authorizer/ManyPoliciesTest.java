package io.claimgate.authorizer;

import static io.claimgate.authorizer.TestBroker.user;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file with a thousand per-team policies and ten thousand ACLs behaves like a small one. */
class ManyPoliciesTest {
    static final int TEAMS = 1000;

    @TempDir
    static Path dir;
    static TestBroker broker;

    @BeforeAll
    static void start() {
        StringBuilder yaml = new StringBuilder("policies:\n");
        for (int i = 0; i < TEAMS; i++) {
            yaml.append("  - name: team-").append(i).append('\n')
                .append("    when: principal.name == 'team-").append(i).append("'\n")
                .append("    rules:\n")
                .append("      - {action: allow, resource: topic, names: [team-").append(i).append("-*], operations: [read, write]}\n");
        }
        broker = TestBroker.withPolicy(dir, yaml.toString(), Map.of());
        for (int i = 0; i < 10 * TEAMS; i++) {
            broker.allowAcl("User:acl-user-" + i, READ, ResourceType.TOPIC, "acl-topic-" + i);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    @Test
    void eachTeamReachesItsOwnTopicsOnly() {
        for (int i : new int[] {0, 15, 16, 17, 500, 999}) {
            assertTrue(broker.allowed(user("team-" + i), WRITE, "team-" + i + "-orders"), "team " + i);
            assertFalse(broker.allowed(user("team-" + i), WRITE, "team-" + (i + 1) % TEAMS + "-orders"), "team " + i);
        }
        assertTrue(broker.allowed(user("acl-user-9999"), READ, "acl-topic-9999"));
        assertFalse(broker.allowed(user("acl-user-9999"), READ, "acl-topic-9998"));
    }

    @Test
    void byResourceTypeLooksOnlyAtTheRequestersGrants() {
        assertEquals(AuthorizationResult.ALLOWED, broker.authorizer.authorizeByResourceType(
                TestBroker.request(user("team-999")), WRITE, ResourceType.TOPIC));
        assertEquals(AuthorizationResult.DENIED, broker.authorizer.authorizeByResourceType(
                TestBroker.request(user("acl-user-5")), WRITE, ResourceType.TOPIC));
        assertEquals(AuthorizationResult.ALLOWED, broker.authorizer.authorizeByResourceType(
                TestBroker.request(user("acl-user-5")), READ, ResourceType.TOPIC));
    }
}
