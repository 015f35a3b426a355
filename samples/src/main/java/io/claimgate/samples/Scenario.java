package io.claimgate.samples;

import io.claimgate.it.Clients;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;

/** What the quickstart's clients do, each action configured from a sample file. */
final class Scenario {
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([^\"]*)\"");

    private final Narrator out;
    private final Map<String, String> vars;
    private final Path workDirectory;

    Scenario(Narrator out, Map<String, String> vars, Path workDirectory) {
        this.out = out;
        this.vars = vars;
        this.workDirectory = workDirectory;
    }

    private Properties sample(String file, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(vars);
        all.putAll(more);
        return SampleConfig.properties(file, all);
    }

    private String bootstrap() {
        return vars.get("BOOTSTRAP_SERVERS");
    }

    void operatorCreatesTopics(KafkaCluster broker, Collection<String> topics) throws Exception {
        out.step("The operator creates topics " + topics + " (on the INTERNAL listener, a super user)");
        try (Admin admin = Admin.create(Clients.admin(
                broker.bootstrapServers(KafkaClusterSpec.INTER_BROKER_LISTENER), Clients.plaintext()))) {
            List<NewTopic> newTopics = topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList();
            try {
                admin.createTopics(newTopics).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            out.ok("created " + admin.listTopics().names().get());
        }
    }

    void client1ProducesAndConsumes(String topic) throws Exception {
        out.step("client1 (samples/config/client1.properties) gets a token from the IdP, produces two records to '"
                + topic + "' (one with header internal=true) and consumes them back");
        Properties client1 = sample("client1.properties", Map.of());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Clients.producer(bootstrap(), client1))) {
            ProducerRecord<String, String> internal = new ProducerRecord<>(topic, "order-1", "internal audit note");
            internal.headers().add("internal", "true".getBytes(StandardCharsets.UTF_8));
            producer.send(internal).get();
            producer.send(new ProducerRecord<>(topic, "order-2", "order shipped")).get();
        }
        List<String> values = consume(client1, recordFilter(), topic, "quickstart-client1", 2);
        if (values.equals(List.of("internal audit note", "order shipped"))) {
            out.ok("client1 produced and consumed " + values + " (its record filter hides nothing from client1)");
        } else {
            out.fail("client1 consumed " + values + " instead of its two records");
        }
    }

    void client2SeesOnlyItsTopics(List<String> expected) throws Exception {
        out.step("client2 (samples/config/client2.properties) lists the topics");
        try (Admin admin = Admin.create(Clients.admin(bootstrap(), sample("client2.properties", Map.of())))) {
            Set<String> names = admin.listTopics().names().get();
            if (names.equals(Set.copyOf(expected))) {
                out.ok("client2 sees only " + new TreeSet<>(names) + "; 'payroll' is hidden from it");
            } else {
                out.fail("client2 sees " + names + " instead of " + expected);
            }
        }
    }

    void client2Reads(String topic) throws Exception {
        out.step("client2 reads '" + topic + "' with the record filter (samples/config/consumer-filter.properties)");
        List<String> values = consume(sample("client2.properties", Map.of()), recordFilter(), topic, null, 1);
        if (values.equals(List.of("order shipped"))) {
            out.ok("client2 read " + values + "; the record with header internal=true was skipped");
        } else {
            out.fail("client2 read " + values + " instead of only the record without internal=true");
        }
    }

    void client2Denied() {
        Properties client2 = sample("client2.properties", Map.of());
        out.step("client2 tries what its policy does not allow");
        expectDenied("produce to 'topic'", () -> {
            Properties plain = new Properties();
            plain.putAll(client2);
            plain.put("enable.idempotence", "false");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Clients.producer(bootstrap(), plain))) {
                producer.send(new ProducerRecord<>("topic", "k", "not allowed")).get();
            }
        });
        expectDenied("read 'extra_topic'", () -> consume(client2, new Properties(), "extra_topic", null, 1));
        expectDenied("describe 'payroll'", () -> {
            try (Admin admin = Admin.create(Clients.admin(bootstrap(), client2))) {
                admin.describeTopics(List.of("payroll")).allTopicNames().get();
            }
        });
    }

    /** The record filter's consumer settings of the sample (its deserializer wraps the consumer's StringDeserializer). */
    private Properties recordFilter() {
        return sample("consumer-filter.properties", Map.of());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    interface ClientAction {
        void run() throws Exception;
    }

    private void expectDenied(String what, ClientAction action) {
        try {
            action.run();
            out.fail("client2 was allowed to " + what);
        } catch (Exception e) {
            Throwable cause = e;
            while (!(cause instanceof AuthorizationException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof AuthorizationException) {
                out.ok("client2 may not " + what + ": " + cause.getClass().getSimpleName());
            } else {
                out.fail("client2 could not " + what + ", but not for lack of rights: " + e);
            }
        }
    }

    /**
     * Consumes at least {@code atLeast} values; without a group (client2 has no group rights) by
     * assignment. {@code settings} go on top of the kit's consumer defaults (the record filter replaces
     * value.deserializer).
     */
    private List<String> consume(Properties security, Properties settings, String topic, String group, int atLeast) {
        Properties props = Clients.consumer(bootstrap(), group == null ? "unused" : group, security);
        props.putAll(settings);
        if (group == null) {
            props.remove("group.id");
        }
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            if (group == null) {
                TopicPartition partition = new TopicPartition(topic, 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
            } else {
                consumer.subscribe(List.of(topic));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (values.size() < atLeast && System.nanoTime() < deadline) {
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                        values.add(record.value());
                    }
                } catch (RecordDeserializationException e) {
                    // A record the record filter cannot judge yet (e.g. the policy file is missing) stays
                    // in the partition and is retried: keep polling, never seek past it.
                    sleep(200);
                }
            }
        }
        return values;
    }

    void tokenFileClientLists(String token) throws Exception {
        out.step("client2 presents a token from a file (samples/config/token-file-client.properties) and lists topics");
        Path file = Quickstart.tokenFile(workDirectory, token);
        try (Admin admin = Admin.create(Clients.admin(bootstrap(),
                sample("token-file-client.properties", Map.of("TOKEN_FILE", file.toString()))))) {
            out.ok("client2 is in, and sees topics " + admin.listTopics().names().get());
        }
    }

    void refused(String description, String sampleFile, Map<String, String> more, String reason) {
        out.step("A client presents " + description + " (samples/config/" + sampleFile + ")");
        expectRefusal(sample(sampleFile, more), reason);
    }

    void refused(String description, Properties security, String reason) {
        out.step("A client presents " + description);
        expectRefusal(security, reason);
    }

    private void expectRefusal(Properties security, String reason) {
        try (Admin admin = Admin.create(Clients.admin(bootstrap(), security))) {
            admin.describeCluster().clusterId().get();
            out.fail("the broker accepted it");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SaslAuthenticationException refusal && refusal.getMessage().contains(reason)) {
                out.ok("refused by the broker: " + status(refusal.getMessage()));
            } else {
                out.fail("expected a refusal for " + reason + ", got " + e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out.fail("interrupted");
        }
    }

    /** The reason inside Kafka's {@code {"status":"..."}} error, or the whole message. */
    private static String status(String message) {
        Matcher m = STATUS.matcher(message);
        return m.find() ? m.group(1) : message;
    }
}
