package io.claimgate.benchmarks;

import io.claimgate.it.Clients;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.metadata.authorizer.StandardAcl;

/**
 * What {@link ProduceThroughput}'s broker authorizes: {@code rules} ACLs, the same as
 * {@link AuthorizerBenchmark}'s workload (100 other clients, literal and prefixed topics, some
 * denials) with the producer's WRITE on {@value #TOPIC} as the last one; for ClaimAuthorizer the
 * same ACLs as a policy file ({@link AuthorizerBenchmark#policyFile}: one policy per client, the
 * producer's last). Before anything is measured, the producer must be allowed on {@value #TOPIC}
 * and refused on {@value #DENIED_TOPIC}, which no rule names.
 */
final class ProduceAuthorization {
    static final String PRODUCER = "bench-producer";
    static final String TOPIC = "bench-produce";
    static final String DENIED_TOPIC = "bench-denied";
    private static final Duration PROPAGATION = Duration.ofSeconds(30);

    private final Map<Uuid, StandardAcl> acls;
    private final Path policyFile;

    private ProduceAuthorization(Map<Uuid, StandardAcl> acls, Path policyFile) {
        this.acls = acls;
        this.policyFile = policyFile;
    }

    static ProduceAuthorization of(int rules) throws Exception {
        Map<Uuid, StandardAcl> acls = new LinkedHashMap<>(AuthorizerBenchmark.acls(rules - 1));
        // the largest id: the policy file lists the producer's policy last
        acls.put(new Uuid(0x5eed, rules - 1), new StandardAcl(ResourceType.TOPIC, TOPIC, PatternType.LITERAL,
                "User:" + PRODUCER, "*", AclOperation.WRITE, AclPermissionType.ALLOW));
        return new ProduceAuthorization(acls, AuthorizerBenchmark.policyFile(acls));
    }

    Path policyFile() {
        return policyFile;
    }

    /** Creates both topics and, for StandardAuthorizer, the ACLs, as the super user on the inter-broker listener. */
    void prepare(StormBroker broker, ProduceConfiguration configuration) throws Exception {
        try (Admin admin = Admin.create(Clients.admin(broker.operatorBootstrap(), Clients.plaintext()))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1), new NewTopic(DENIED_TOPIC, 1, (short) 1)))
                    .all().get();
            if (configuration == ProduceConfiguration.STANDARD) {
                admin.createAcls(acls.values().stream().map(StandardAcl::toBinding).toList()).all().get();
            }
        }
    }

    /**
     * Proves the authorizer decides: one record to {@value #TOPIC} is accepted (retried while the
     * ACLs propagate), one to {@value #DENIED_TOPIC} is refused for authorization.
     */
    static void requireDecisions(String bootstrap, Properties security) throws Exception {
        Properties props = Clients.producer(bootstrap, security);
        long deadline = System.nanoTime() + PROPAGATION.toNanos();
        while (true) {
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
                producer.send(new ProducerRecord<>(TOPIC, "allowed")).get();
                break;
            } catch (Exception e) {
                if (authorizationFailure(e) == null || System.nanoTime() > deadline) {
                    throw new IllegalStateException("the producer is not allowed to write " + TOPIC, e);
                }
                Thread.sleep(500);
            }
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>(DENIED_TOPIC, "denied")).get();
        } catch (Exception e) {
            if (authorizationFailure(e) != null) {
                return;
            }
            throw new IllegalStateException("writing " + DENIED_TOPIC + " failed, but not for authorization", e);
        }
        throw new IllegalStateException("the authorizer allowed a write to " + DENIED_TOPIC
                + ", which no rule allows: it is not deciding as configured");
    }

    private static AuthorizationException authorizationFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthorizationException authorization) {
                return authorization;
            }
        }
        return null;
    }
}
