package io.claimgate.authorizer;

import io.claimgate.policy.OAuthKafkaPrincipal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.network.ClientInformation;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.RequestContext;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizationResult;

/**
 * A real {@link ClaimAuthorizer} set up the way a KRaft node sets it up: {@code configure} with the
 * node's properties, {@code withPluginMetrics}, ACLs from a metadata snapshot, then
 * {@code completeInitialLoad}. Requests are Kafka's own {@link RequestContext}.
 */
final class TestBroker implements AutoCloseable {
    static final String LISTENER = "SASL_PLAINTEXT";
    static final String CLIENT_ADDRESS = "10.0.0.7";

    final ClaimAuthorizer authorizer = new ClaimAuthorizer();
    private final Metrics kafkaMetrics = new Metrics();

    private TestBroker(Map<String, Object> configs) {
        authorizer.configure(configs);
        authorizer.withPluginMetrics(new PluginMetricsImpl(kafkaMetrics, Map.of()));
        authorizer.loadSnapshot(Map.of());
        authorizer.completeInitialLoad();
    }

    /** A node with the given extra properties (e.g. {@code claimgate.policy.location}). */
    static TestBroker start(Map<String, ?> properties) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("node.id", "1");
        configs.putAll(properties);
        return new TestBroker(configs);
    }

    /** A node with this policy file content written to {@code dir/policies.yaml}. */
    static TestBroker withPolicy(Path dir, String yaml, Map<String, ?> properties) {
        Map<String, Object> configs = new HashMap<>(properties);
        configs.put("claimgate.policy.location", write(dir.resolve("policies.yaml"), yaml).toString());
        return start(configs);
    }

    static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A token principal as OAuthPrincipalBuilder produces it. */
    static OAuthKafkaPrincipal user(String name, List<String> groups, Set<String> scopes, Map<String, Object> claims) {
        return new OAuthKafkaPrincipal(KafkaPrincipal.USER_TYPE, name, groups, scopes, claims);
    }

    static OAuthKafkaPrincipal user(String name) {
        return user(name, List.of(), Set.of(), Map.of("sub", name));
    }

    static RequestContext request(KafkaPrincipal principal) {
        return request(principal, CLIENT_ADDRESS, ApiKeys.METADATA);
    }

    static RequestContext request(KafkaPrincipal principal, String clientAddress, ApiKeys api) {
        try {
            return new RequestContext(new RequestHeader(api, api.latestVersion(), "test-client", 1), "conn-1",
                    InetAddress.getByName(clientAddress), principal, ListenerName.normalised(LISTENER),
                    SecurityProtocol.SASL_PLAINTEXT, ClientInformation.EMPTY, false);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Action action(AclOperation op, ResourceType type, String name) {
        return new Action(op, new ResourcePattern(type, name, PatternType.LITERAL), 1, true, true);
    }

    AuthorizationResult authorize(KafkaPrincipal principal, AclOperation op, ResourceType type, String name) {
        return authorize(request(principal), op, type, name);
    }

    AuthorizationResult authorize(RequestContext request, AclOperation op, ResourceType type, String name) {
        return authorizer.authorize(request, List.of(action(op, type, name))).get(0);
    }

    boolean allowed(KafkaPrincipal principal, AclOperation op, String topic) {
        return authorize(principal, op, ResourceType.TOPIC, topic) == AuthorizationResult.ALLOWED;
    }

    boolean allowed(KafkaPrincipal principal, AclOperation op, ResourceType type, String name) {
        return authorize(principal, op, type, name) == AuthorizationResult.ALLOWED;
    }

    /** As the KRaft ACL publisher adds an ACL (e.g. after {@code kafka-acls --add}). */
    Uuid addAcl(String principal, AclPermissionType permission, AclOperation op, ResourceType type, String name,
                PatternType pattern, String host) {
        Uuid id = Uuid.randomUuid();
        authorizer.addAcl(id, new StandardAcl(type, name, pattern, principal, host, op, permission));
        return id;
    }

    Uuid allowAcl(String principal, AclOperation op, ResourceType type, String name) {
        return addAcl(principal, AclPermissionType.ALLOW, op, type, name, PatternType.LITERAL, "*");
    }

    Uuid denyAcl(String principal, AclOperation op, ResourceType type, String name) {
        return addAcl(principal, AclPermissionType.DENY, op, type, name, PatternType.LITERAL, "*");
    }

    @Override
    public void close() throws IOException {
        authorizer.close();
        kafkaMetrics.close();
    }
}
