package io.claimgate.authorizer.kafka;

import io.claimgate.authorizer.ClaimAuthorizer;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.KafkaPrincipal;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.metadata.authorizer.ClusterMetadataAuthorizer;
import org.apache.kafka.metadata.authorizer.StandardAcl;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.server.authorizer.Action;
import org.apache.kafka.server.authorizer.AuthorizableRequestContext;
import org.apache.kafka.server.authorizer.AuthorizationResult;

/**
 * What the authorizer relies on of Kafka's internals ({@code io.claimgate.authorizer.kafka} and
 * {@code ClaimAuthorizer extends StandardAuthorizer}, listed in docs/KAFKA-COMPATIBILITY.md), as
 * checks that throw {@link AssertionError}: run by the unit tests on the build's Kafka, and by
 * {@link #main} in a JVM holding an older Kafka release's jars and the broker jar ({@code src-it},
 * {@code compat/KafkaBoundaryOnOlderReleasesTest}). Plain Java, no test framework.
 *
 * <p>Nothing here reflects over {@code ClaimAuthorizer}'s own methods: on Kafka 4.0 its
 * {@code withPluginMetrics(PluginMetrics)} names a class that release does not have, so
 * {@code getMethod} on it would fail although Kafka never calls it there.
 */
public final class AuthorizerBoundaryContract {
    private static final KafkaPrincipal ALICE = new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "alice");
    private static final StandardAcl ALICE_READS_ORDERS = new StandardAcl(ResourceType.TOPIC, "orders", PatternType.LITERAL,
            ALICE.toString(), "*", AclOperation.READ, AclPermissionType.ALLOW);

    private AuthorizerBoundaryContract() {
    }

    /** Runs every check; exits 1 on the first that fails, printing it. */
    public static void main(String[] args) {
        try {
            kafkaCallsTheMetadataHooksClaimAuthorizerOverrides();
            aclsHandedToTheHooksDecideAndStayInKafkasCopy();
            superUsersParseAsKafkaParsesThem();
            byResourceTypeRefusesWhatKafkaRefuses();
            requestNamesAreKafkas();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.out.println("Authorizer Kafka boundary contract holds");
    }

    /**
     * Kafka's ACL publisher calls these through {@code ClusterMetadataAuthorizer}; ClaimAuthorizer
     * overrides StandardAuthorizer's implementations. A renamed or re-typed hook would leave
     * claimgate's copy of the ACLs stale without any error, so their signatures are the contract.
     */
    static void kafkaCallsTheMetadataHooksClaimAuthorizerOverrides() throws NoSuchMethodException {
        if (ClaimAuthorizer.class.getSuperclass() != StandardAuthorizer.class
                || !ClusterMetadataAuthorizer.class.isAssignableFrom(StandardAuthorizer.class)) {
            throw new AssertionError("ClaimAuthorizer is no longer a ClusterMetadataAuthorizer through StandardAuthorizer");
        }
        for (Class<?> type : List.of(ClusterMetadataAuthorizer.class, StandardAuthorizer.class)) {
            type.getMethod("loadSnapshot", Map.class);
            type.getMethod("addAcl", Uuid.class, StandardAcl.class);
            type.getMethod("removeAcl", Uuid.class);
            type.getMethod("completeInitialLoad");
        }
    }

    /** The hooks on a real ClaimAuthorizer: its decisions follow them, and Kafka's own copy (DescribeAcls) too. */
    static void aclsHandedToTheHooksDecideAndStayInKafkasCopy() throws Exception {
        try (ClaimAuthorizer authorizer = new ClaimAuthorizer()) {
            authorizer.configure(Map.of("node.id", "1"));
            Uuid id = Uuid.randomUuid();
            authorizer.loadSnapshot(Map.of(id, ALICE_READS_ORDERS));
            authorizer.completeInitialLoad();
            expect(AuthorizationResult.ALLOWED, decide(authorizer, ALICE, AclOperation.READ));
            expect(AuthorizationResult.ALLOWED, decide(authorizer, ALICE, AclOperation.DESCRIBE));   // implied by READ
            expect(AuthorizationResult.DENIED, decide(authorizer, new KafkaPrincipal(KafkaPrincipal.USER_TYPE, "bob"), AclOperation.READ));
            expect(1, count(authorizer.acls(AclBindingFilter.ANY)));
            authorizer.removeAcl(id);
            expect(AuthorizationResult.DENIED, decide(authorizer, ALICE, AclOperation.READ));
            expect(0, count(authorizer.acls(AclBindingFilter.ANY)));
            authorizer.addAcl(id, ALICE_READS_ORDERS);
            expect(AuthorizationResult.ALLOWED, decide(authorizer, ALICE, AclOperation.READ));
            expect(ALICE_READS_ORDERS.toBinding(), authorizer.acls(AclBindingFilter.ANY).iterator().next());
        }
    }

    static void superUsersParseAsKafkaParsesThem() {
        expect(new KafkaPrincipal("User", "CN=admin,O=example"), KafkaRules.parsePrincipal("User:CN=admin,O=example"));
        refused(() -> KafkaRules.parsePrincipal("admin"));
    }

    static void byResourceTypeRefusesWhatKafkaRefuses() {
        KafkaRules.checkResourceTypeArguments(AclOperation.WRITE, ResourceType.TOPIC);
        refused(() -> KafkaRules.checkResourceTypeArguments(AclOperation.ANY, ResourceType.TOPIC));
        refused(() -> KafkaRules.checkResourceTypeArguments(AclOperation.WRITE, ResourceType.ANY));
        refused(() -> KafkaRules.checkResourceTypeArguments(AclOperation.UNKNOWN, ResourceType.TOPIC));
    }

    static void requestNamesAreKafkas() {
        expect("Produce", KafkaRules.requestName(0));
        expect("Fetch", KafkaRules.requestName(1));
        expect("CreateTopics", KafkaRules.requestName(19));
        expect("request 32767", KafkaRules.requestName(32767));
    }

    private static AuthorizationResult decide(ClaimAuthorizer authorizer, KafkaPrincipal principal, AclOperation operation) {
        Action action = new Action(operation, new ResourcePattern(ResourceType.TOPIC, "orders", PatternType.LITERAL), 1, true, true);
        return authorizer.authorize(new Request(principal), List.of(action)).get(0);
    }

    private static int count(Iterable<?> items) {
        int n = 0;
        for (Object ignored : items) {
            n++;
        }
        return n;
    }

    private static void refused(Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException expected) {
            return;
        }
        throw new AssertionError("Kafka accepted what it refused before");
    }

    private static void expect(Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new AssertionError("expected " + expected + " but Kafka gave " + actual);
        }
    }

    /** A request as a broker hands it to the authorizer (Kafka's public SPI type). */
    private record Request(KafkaPrincipal principal) implements AuthorizableRequestContext {
        @Override
        public String listenerName() {
            return "EXTERNAL";
        }

        @Override
        public SecurityProtocol securityProtocol() {
            return SecurityProtocol.SASL_PLAINTEXT;
        }

        @Override
        public InetAddress clientAddress() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public int requestType() {
            return 1;
        }

        @Override
        public int requestVersion() {
            return 17;
        }

        @Override
        public String clientId() {
            return "contract";
        }

        @Override
        public int correlationId() {
            return 1;
        }
    }
}
