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
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The record filter's test setup: a broker with claimgate's validator and principal builder but NO
 * ClaimAuthorizer (these tests are about what the client withholds, not what the broker allows),
 * clients logging in with claimgate's login handler, and the consumer side of the interceptor.
 */
final class FilterBroker {
    static final String EXTERNAL = "EXTERNAL";
    static final String INTERCEPTOR = "io.claimgate.filter.RecordFilterInterceptor";
    static final String DESERIALIZER = "io.claimgate.filter.RecordFilterDeserializer";

    /** The sample policy file. */
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
        props.put("value.deserializer", DESERIALIZER);
        props.put("claimgate.filter.value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        props.put("claimgate.policy.location", policy.toString());
        props.put("claimgate.policy.reload.seconds", "1");
        return props;
    }

    /** Sends {@code value}, with header {@code internal=true} if {@code internal}, and waits for the ack. */
    static void produce(KafkaCluster cluster, Properties login, String topic, String value, boolean internal)
            throws Exception {
        produce(cluster, login, topic, Map.of(value, internal ? Map.of("internal", "true") : Map.of()));
    }

    /** Sends each value with its headers, in the map's order, to partition 0 with one producer, and waits for the acks. */
    static void produce(KafkaCluster cluster, Properties login, String topic, Map<String, Map<String, String>> values)
            throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Clients.producer(cluster.bootstrapServers(EXTERNAL), login))) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            values.forEach((value, headerMap) -> {
                RecordHeaders headers = new RecordHeaders();
                headerMap.forEach((k, v) -> headers.add(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                acks.add(producer.send(new ProducerRecord<>(topic, 0, "k", value, headers)));
            });
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get();
            }
        }
    }

    /** What a consumer saw, and the next offsets of its last poll. */
    record Consumed(List<String> values, ConsumerRecords<String, String> lastPoll) {
    }

    /**
     * Polls until the consumer's position in partition 0 of {@code topic} reaches {@code endOffset},
     * so every record up to there was fetched and went through the interceptor, whatever it let
     * through. Commits each poll's {@code nextOffsets()} if {@code commit}. A record the filter holds
     * back ({@link RecordDeserializationException}) is retried, as applications must.
     */
    static Consumed consumeTo(KafkaConsumer<String, String> consumer, String topic, long endOffset, boolean commit) {
        TopicPartition partition = new TopicPartition(topic, 0);
        List<String> values = new ArrayList<>();
        ConsumerRecords<String, String> last = ConsumerRecords.empty();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerRecords<String, String> records;
            try {
                records = consumer.poll(Duration.ofMillis(200));
            } catch (RecordDeserializationException e) {
                pause(100);
                continue;
            }
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

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * Sum of the claimgate counters {@code meter} whose JMX names carry the given tags, as key properties:
     * {@code claimgate:name=<meter>,<tag>=<value>,...}.
     */
    static double jmxSum(String meter, String... tagsAndValues) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Set<ObjectName> names = server.queryNames(new ObjectName("claimgate:name=" + meter + ",*"), null);
        double sum = 0;
        for (ObjectName name : names) {
            boolean all = true;
            for (int i = 0; i < tagsAndValues.length; i += 2) {
                all &= tagsAndValues[i + 1].equals(name.getKeyProperty(tagsAndValues[i]));
            }
            if (all) {
                sum += ((Number) server.getAttribute(name, "Count")).doubleValue();
            }
        }
        return sum;
    }
}
