package io.claimgate.authorizer;

import static io.claimgate.authorizer.TestBroker.user;
import static org.apache.kafka.common.acl.AclOperation.ALL;
import static org.apache.kafka.common.acl.AclOperation.ALTER;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE_CONFIGS;
import static org.apache.kafka.common.acl.AclOperation.IDEMPOTENT_WRITE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.ResourceType.CLUSTER;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;
import static org.apache.kafka.common.resource.ResourceType.TRANSACTIONAL_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.policy.PolicyException;
import io.claimgate.policy.PolicyFile;
import io.claimgate.policy.PolicyParser;
import io.claimgate.policy.RecordFilter;
import io.claimgate.policy.cel.CelVariables;
import io.claimgate.policy.cel.EvaluationException;
import io.claimgate.policy.OAuthKafkaPrincipal;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.network.ClientInformation;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/POLICY.md, the policy reference, says what is true: every YAML block in it is a valid policy
 * file, its headline example is the sample file, and the outcomes it states for its examples are
 * what {@link ClaimAuthorizer} decides.
 */
class PolicyReferenceTest {
    /** Relative to the module's directory, where Maven runs its tests. */
    private static final Path REFERENCE = Path.of("..", "docs", "POLICY.md");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
    private static final Pattern SECTION = Pattern.compile("^### (.+)$", Pattern.MULTILINE);

    /** Example section title to its YAML block (the first one in the section). */
    private static final Map<String, String> EXAMPLES = new LinkedHashMap<>();
    private static final List<String> BLOCKS = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void readReference() throws IOException {
        String text = Files.readString(REFERENCE);
        Matcher block = YAML_BLOCK.matcher(text);
        while (block.find()) {
            BLOCKS.add(block.group(1));
            Matcher section = SECTION.matcher(text.substring(0, block.start()));
            String title = null;
            while (section.find()) {
                title = section.group(1);
            }
            if (title != null) {
                EXAMPLES.putIfAbsent(title, block.group(1));
            }
        }
    }

    @Test
    void everyYamlBlockIsAValidPolicyFile() throws PolicyException {
        assertTrue(BLOCKS.size() >= 7, "expected the reference's examples, found " + BLOCKS.size() + " YAML blocks");
        for (String yaml : BLOCKS) {
            PolicyParser.parse("POLICY.md", yaml.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theHeadlineExampleIsTheSampleFileWithoutItsComments() {
        assertEquals(withoutComments(SamplePolicy.YAML), withoutComments(example("The headline scenario")));
    }

    @Test
    void theHeadlineExampleGrantsATeamItsTopicsFromTheTokensTopicsClaim() throws Exception {
        OAuthKafkaPrincipal team = user("svc-a", List.of(), Set.of("kafka"), Map.of("topics", List.of("team-a-*")));
        OAuthKafkaPrincipal noClaim = user("svc-b", List.of(), Set.of("kafka"), Map.of("sub", "svc-b"));
        try (TestBroker broker = TestBroker.withPolicy(dir, example("The headline scenario"), Map.of())) {
            assertTrue(broker.allowed(team, WRITE, "team-a-orders"));
            assertTrue(broker.allowed(team, DELETE, "team-a-orders"));
            assertFalse(broker.allowed(team, READ, "team-b-orders"));
            assertFalse(broker.allowed(noClaim, READ, "team-a-orders"));
        }
    }

    @Test
    void teamsFromGroupsWithAGuardRail() throws Exception {
        OAuthKafkaPrincipal opsMember = user("alice", List.of("ops"), Set.of(), Map.of("sub", "alice"));
        OAuthKafkaPrincipal blue = user("bob", List.of(), Set.of(), Map.of("team", "blue"));
        OAuthKafkaPrincipal noTeam = user("carol");
        OAuthKafkaPrincipal ingest = user("ingest");
        try (TestBroker broker = TestBroker.withPolicy(dir, example("Teams from groups, with a guard rail"), Map.of())) {
            assertTrue(broker.allowed(opsMember, ALTER, "ops-metrics"));
            assertTrue(broker.allowed(opsMember, READ, GROUP, "ops-dashboards"));
            assertFalse(broker.allowed(opsMember, READ, "blue-orders"));
            assertTrue(broker.allowed(blue, WRITE, "blue-orders"));
            assertTrue(broker.allowed(blue, READ, GROUP, "blue-app"));
            assertFalse(broker.allowed(blue, WRITE, "red-orders"));
            assertFalse(broker.allowed(noTeam, READ, "blue-orders"));

            // "whatever ACLs say": an ACL grants everyone everything on audit-log; only ingest may write.
            broker.allowAcl("User:*", ALL, TOPIC, "audit-log");
            assertFalse(broker.allowed(opsMember, WRITE, "audit-log"));
            assertFalse(broker.allowed(blue, DELETE, "audit-log"));
            assertTrue(broker.allowed(blue, READ, "audit-log"), "the deny covers only the operations it names");
            assertTrue(broker.allowed(ingest, WRITE, "audit-log"));
        }
    }

    @Test
    void perListenerPerNetworkAndBlockedClaims() throws Exception {
        OAuthKafkaPrincipal admin = user("admin");
        OAuthKafkaPrincipal blocked = user("dave", List.of(), Set.of(), Map.of("blocked_topics", List.of("secret-*")));
        try (TestBroker broker = TestBroker.withPolicy(dir, example("Per listener, per network, blocked claims"),
                Map.of())) {
            assertEquals(AuthorizationResult.ALLOWED, broker.authorize(request(admin, "INTERNAL", "10.1.2.3"),
                    DESCRIBE_CONFIGS, CLUSTER, "kafka-cluster"));
            assertEquals(AuthorizationResult.DENIED, broker.authorize(request(admin, "INTERNAL", "192.168.1.2"),
                    DESCRIBE, CLUSTER, "kafka-cluster"));
            assertEquals(AuthorizationResult.DENIED, broker.authorize(request(admin, "EXTERNAL", "10.1.2.3"),
                    DESCRIBE, CLUSTER, "kafka-cluster"));

            broker.allowAcl("User:*", ALL, TOPIC, "secret-plans");
            assertFalse(broker.allowed(blocked, READ, "secret-plans"), "the token's blocked_topics deny wins over the ACL");
            assertTrue(broker.allowed(admin, READ, "secret-plans"), "a token without the claim is not blocked");
        }
    }

    @Test
    void aTransactionalProducer() throws Exception {
        OAuthKafkaPrincipal payments = user("payments", List.of(), Set.of("kafka:write"), Map.of("sub", "payments"));
        OAuthKafkaPrincipal withoutScope = user("payments");
        try (TestBroker broker = TestBroker.withPolicy(dir, example("A transactional producer"), Map.of())) {
            assertTrue(broker.allowed(payments, WRITE, "payments-eu"));
            assertTrue(broker.allowed(payments, DESCRIBE, "payments-eu"));
            assertTrue(broker.allowed(payments, WRITE, TRANSACTIONAL_ID, "payments-tx-1"));
            assertTrue(broker.allowed(payments, DESCRIBE, TRANSACTIONAL_ID, "payments-tx-1"));
            assertTrue(broker.allowed(payments, IDEMPOTENT_WRITE, CLUSTER, "kafka-cluster"));
            assertFalse(broker.allowed(payments, READ, "payments-eu"));
            assertFalse(broker.allowed(withoutScope, WRITE, "payments-eu"));
        }
    }

    @Test
    void recordFiltersSkipByTenantAndGroup() throws Exception {
        PolicyFile file = PolicyParser.parse("POLICY.md", example("Record filters").getBytes(StandardCharsets.UTF_8));
        RecordFilter tenants = file.recordFilters().get(0);
        RecordFilter drafts = file.recordFilters().get(1);
        Map<String, Object> acme = CelVariables.principal("User", "c1", Map.of("tenant", "acme"), List.of(), Set.of(), "", "");
        Map<String, Object> noTenant = CelVariables.principal("User", "c2", Map.of("sub", "c2"), List.of(), Set.of(), "", "");
        Map<String, Object> editor = CelVariables.principal("User", "c3", Map.of(), List.of("editors"), Set.of(), "", "");

        assertTrue(tenants.topics().matches("shared-orders"));
        assertFalse(tenants.topics().matches("orders"));
        assertFalse(skips(tenants, acme, Map.of("tenant", "acme")));
        assertTrue(skips(tenants, acme, Map.of("tenant", "globex")));
        assertTrue(skips(tenants, noTenant, Map.of("tenant", "acme")));
        assertFalse(skips(tenants, noTenant, Map.of()), "a record without a tenant header reaches everyone");

        assertTrue(skips(drafts, acme, Map.of("state", "draft")));
        assertFalse(skips(drafts, editor, Map.of("state", "draft")));
        assertFalse(skips(drafts, acme, Map.of("state", "published")));
    }

    private static boolean skips(RecordFilter filter, Map<String, Object> principal, Map<String, String> headers)
            throws EvaluationException {
        return filter.skipWhen().evaluateBool(CelVariables.withRecord(principal, "shared-orders", headers));
    }

    private static RequestContext request(OAuthKafkaPrincipal principal, String listener, String address)
            throws IOException {
        return new RequestContext(new RequestHeader(ApiKeys.METADATA, ApiKeys.METADATA.latestVersion(), "c", 1), "conn",
                InetAddress.getByName(address), principal, ListenerName.normalised(listener),
                SecurityProtocol.SASL_PLAINTEXT, ClientInformation.EMPTY, false);
    }

    private static String example(String title) {
        String yaml = EXAMPLES.get(title);
        assertTrue(yaml != null, "docs/POLICY.md has no YAML block under '### " + title + "': " + EXAMPLES.keySet());
        return yaml;
    }

    /** Lines without YAML comments (whole-line and trailing) and without trailing blanks. */
    private static String withoutComments(String yaml) {
        StringBuilder out = new StringBuilder();
        for (String line : yaml.split("\n")) {
            int comment = line.indexOf(" #");
            String kept = (line.stripLeading().startsWith("#") ? "" : comment >= 0 ? line.substring(0, comment) : line)
                    .stripTrailing();
            if (!kept.isEmpty()) {
                out.append(kept).append('\n');
            }
        }
        return out.toString();
    }
}
