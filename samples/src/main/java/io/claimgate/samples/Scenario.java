package io.claimgate.samples;

import io.claimgate.it.Clients;
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

    void createTopics(Collection<String> topics) throws Exception {
        out.step("client1 (samples/config/client1.properties) gets a token from the IdP and creates topics " + topics);
        try (Admin admin = Admin.create(Clients.admin(bootstrap(), sample("client1.properties", Map.of())))) {
            List<NewTopic> newTopics = topics.stream().map(t -> new NewTopic(t, 1, (short) 1)).toList();
            try {
                admin.createTopics(newTopics).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            out.ok("the broker accepted client1's token and created " + admin.listTopics().names().get());
        }
    }

    void client1ProducesAndConsumes(String topic) throws Exception {
        out.step("client1 produces two records to '" + topic + "' and consumes them back");
        Properties client1 = sample("client1.properties", Map.of());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Clients.producer(bootstrap(), client1))) {
            producer.send(new ProducerRecord<>(topic, "order-1", "hello from client1")).get();
            producer.send(new ProducerRecord<>(topic, "order-2", "and once more")).get();
        }
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Clients.consumer(bootstrap(), "quickstart-client1", client1))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
        }
        if (values.equals(List.of("hello from client1", "and once more"))) {
            out.ok("client1 produced and consumed " + values);
        } else {
            out.fail("client1 consumed " + values + " instead of its two records");
        }
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
