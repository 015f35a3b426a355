package io.claimgate.it.filter;

import io.claimgate.it.Clients;
import io.claimgate.it.EmbeddedIdp;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record filter's test setup: a broker with claimgate's validator and principal builder but NO
 * ClaimAuthorizer (these tests are about what the client withholds, not what the broker allows),
 * clients logging in with claimgate's login handler, and the consumer side of the interceptor.
 */
final class FilterBroker {
    static final String EXTERNAL = "EXTERNAL";
    static final String INTERCEPTOR = "io.claimgate.filter.RecordFilterInterceptor";

    /** DESIGN.md's policy file. */
    static final String DESIGN_POLICY = io.claimgate.it.DesignPolicy.YAML;

    /** The username mapping of the broker, repeated on the clients so both sides agree. */
    static final Map<String, String> USERNAME_MAPPING = Map.of("oauth.username.claim", "client_id,sub");

    private FilterBroker() {
    }

    static KafkaCluster start(String name, EmbeddedIdp idp) {
        Map<String, String> validation = new LinkedHashMap<>();
        validation.put("oauth.jwks.endpoint.uri", idp.jwksUri());
        validation.put("oauth.valid.issuer.uri", idp.issuerUri());
        validation.put("oauth.valid.audience", EmbeddedIdp.DEFAULT_AUDIENCE);
        validation.putAll(USERNAME_MAPPING);
        return KafkaCluster.start(KafkaClusterSpec.builder(name)
                .listener(ListenerSpec.oauthBearer(EXTERNAL, "io.claimgate.server.OAuthValidatorCallbackHandler", validation))
                .brokerProperty("principal.builder.class", "io.claimgate.server.OAuthPrincipalBuilder")
                .systemProperty(Clients.ALLOWED_URLS_PROPERTY, idp.allowedUrls())
                .loggerLevel("io.claimgate", "INFO")
                .build());
    }

    static void createTopics(KafkaCluster cluster, String... topics) throws Exception {
        try (Admin admin = Admin.create(Clients.admin(cluster.bootstrapServers(KafkaClusterSpec.INTER_BROKER_LISTENER),
                Clients.plaintext()))) {
            admin.createTopics(java.util.Arrays.stream(topics).map(t -> new NewTopic(t, 1, (short) 1)).toList()).all().get();
        }
    }

    static Path writePolicy(Path file, String yaml) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, yaml);
            // Atomic replace: the interceptor never reads a half-written file.
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Properties login(EmbeddedIdp idp, String clientId, String secret) {
        return Clients.claimgateOAuth(idp, clientId, secret, USERNAME_MAPPING);
    }

    /** A group consumer with the record filter, re-reading the policy every second. */
    static Properties filteringConsumer(KafkaCluster cluster, String group, Properties login, Path policy) {
        Properties props = Clients.consumer(cluster.bootstrapServers(EXTERNAL), group, login);
        props.put("interceptor.classes", INTERCEPTOR);
        props.put("claimgate.policy.location", policy.toString());
        props.put("claimgate.policy.reload.seconds", "1");
        return props;
    }

    /** Sends {@code value}, with header {@code internal=true} if {@code internal}, and waits for the ack. */
    static void produce(KafkaCluster cluster, Properties login, String topic, String value, boolean internal)
            throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Clients.producer(cluster.bootstrapServers(EXTERNAL), login))) {
            RecordHeaders headers = new RecordHeaders();
            if (internal) {
                headers.add("internal", "true".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            producer.send(new ProducerRecord<>(topic, 0, "k", value, headers)).get();
        }
    }

    /** What a consumer saw, and the next offsets of its last poll. */
    record Consumed(List<String> values, ConsumerRecords<String, String> lastPoll) {
    }

    /**
     * Polls until the consumer's position in partition 0 of {@code topic} reaches {@code endOffset},
     * so every record up to there was fetched and went through the interceptor, whatever it let
     * through. Commits each poll's {@code nextOffsets()} if {@code commit}.
     */
    static Consumed consumeTo(KafkaConsumer<String, String> consumer, String topic, long endOffset, boolean commit) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<String> values = new ArrayList<>();
        ConsumerRecords<String, String> last = ConsumerRecords.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
            for (ConsumerRecord<String, String> record : records) {
                values.add(record.value());
            }
            if (commit && !records.nextOffsets().isEmpty()) {
                consumer.commitSync(records.nextOffsets());
            }
            if (!records.nextOffsets().isEmpty()) {
                last = records;
            }
            if (consumer.assignment().contains(partition) && consumer.position(partition) >= endOffset) {
                return new Consumed(values, last);
            }
        }
        throw new AssertionError("the consumer did not reach offset " + endOffset + " of " + topic + "; saw " + values);
    }
}
