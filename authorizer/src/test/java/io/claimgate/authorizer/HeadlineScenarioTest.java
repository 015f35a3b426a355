package io.claimgate.authorizer;

import static io.claimgate.authorizer.TestBroker.user;
import static org.apache.kafka.common.acl.AclOperation.ALTER;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DELETE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.claimgate.policy.OAuthKafkaPrincipal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.server.authorizer.AuthorizationResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The headline scenario (docs/POLICY.md) with its policy file (the sample one, {@link SamplePolicy}): client1 may describe, read
 * and write every topic; client2 may describe {@code topic}, {@code topic-encrypted} and
 * {@code extra_topic}, and read {@code topic}; everything else is denied. No ACLs at all.
 */
class HeadlineScenarioTest {
    static final String DESIGN_POLICY = SamplePolicy.YAML;

    static final OAuthKafkaPrincipal CLIENT1 = user("client1", List.of(), Set.of("profile"), Map.of("client_id", "client1"));
    static final OAuthKafkaPrincipal CLIENT2 = user("client2", List.of(), Set.of("profile"), Map.of("client_id", "client2"));
    static final OAuthKafkaPrincipal STRANGER = user("client3");

    @TempDir
    static Path dir;
    static TestBroker broker;

    @BeforeAll
    static void start() {
        broker = TestBroker.withPolicy(dir, DESIGN_POLICY, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
    }

    @ParameterizedTest(name = "client1 {0} {1}")
    @CsvSource({"DESCRIBE, topic", "READ, topic", "WRITE, topic", "DESCRIBE, topic-encrypted", "READ, topic-encrypted",
                "WRITE, topic-encrypted", "WRITE, extra_topic", "READ, any-other-topic", "WRITE, any-other-topic"})
    void client1DescribesReadsAndWritesEveryTopic(AclOperation op, String topic) {
        assertTrue(broker.allowed(CLIENT1, op, topic));
    }

    @ParameterizedTest(name = "client1 may not {0} {1}")
    @CsvSource({"DELETE, topic", "ALTER, topic", "CREATE, new-topic", "ALTER_CONFIGS, topic"})
    void client1CannotDoMoreThanThat(AclOperation op, String topic) {
        assertFalse(broker.allowed(CLIENT1, op, topic));
    }

    @Test
    void client1ConsumesInAnyGroup() {
        assertTrue(broker.allowed(CLIENT1, READ, ResourceType.GROUP, "any-group"));
        assertTrue(broker.allowed(CLIENT1, DESCRIBE, ResourceType.GROUP, "any-group"));
        assertFalse(broker.allowed(CLIENT1, DELETE, ResourceType.GROUP, "any-group"));
    }

    @ParameterizedTest(name = "client2 {0} {1}")
    @CsvSource({"DESCRIBE, topic", "DESCRIBE, topic-encrypted", "DESCRIBE, extra_topic", "READ, topic"})
    void client2DescribesThreeTopicsAndReadsOne(AclOperation op, String topic) {
        assertTrue(broker.allowed(CLIENT2, op, topic));
    }

    @ParameterizedTest(name = "client2 may not {0} {1}")
    @CsvSource({"WRITE, topic", "WRITE, topic-encrypted", "WRITE, extra_topic", "WRITE, other",
                "READ, extra_topic", "READ, topic-encrypted", "DESCRIBE, other", "READ, other",
                "CREATE, topic", "DELETE, topic", "ALTER, topic"})
    void client2IsDeniedEverythingElse(AclOperation op, String topic) {
        assertFalse(broker.allowed(CLIENT2, op, topic));
    }

    @Test
    void client2CannotUseGroupsOrTheClusterAndStrangersGetNothing() {
        assertFalse(broker.allowed(CLIENT2, READ, ResourceType.GROUP, "g"));
        assertFalse(broker.allowed(CLIENT2, CREATE, ResourceType.CLUSTER, "kafka-cluster"));
        for (AclOperation op : List.of(DESCRIBE, READ, WRITE, ALTER)) {
            assertFalse(broker.allowed(STRANGER, op, "topic"), op.toString());
        }
    }

    @Test
    void metadataFilteringShowsClient2OnlyItsThreeTopics() {
        // A metadata request for all topics asks for DESCRIBE on each, without logging denials.
        List<String> topics = List.of("topic", "topic-encrypted", "extra_topic", "secret", "other");
        var actions = topics.stream().map(t -> new org.apache.kafka.server.authorizer.Action(DESCRIBE,
                new org.apache.kafka.common.resource.ResourcePattern(ResourceType.TOPIC, t,
                        org.apache.kafka.common.resource.PatternType.LITERAL), 1, false, false)).toList();
        List<AuthorizationResult> results = broker.authorizer.authorize(TestBroker.request(CLIENT2), actions);
        assertEquals(List.of(AuthorizationResult.ALLOWED, AuthorizationResult.ALLOWED, AuthorizationResult.ALLOWED,
                AuthorizationResult.DENIED, AuthorizationResult.DENIED), results);
    }

    @Test
    void theRecordFiltersOfTheFileAreParsedForTheInterceptor() {
        var filters = broker.authorizer.policies().recordFilters();
        assertEquals(1, filters.size());
        assertEquals("hide-internal", filters.get(0).name());
        assertTrue(filters.get(0).topics().matches("anything"));
    }
}
