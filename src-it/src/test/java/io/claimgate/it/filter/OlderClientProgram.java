package io.claimgate.it.filter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The client of {@link OlderKafkaClientsTest}, run in a child JVM on an older kafka-clients
 * (3.7, 3.9) with the shaded claimgate-client jar. Uses only API those releases have. Prints to
 * stdout, one fact a line: {@code kafka-clients <version>}, then {@code acked <value>} per record
 * produced, or {@code value <value>} per record consumed and {@code committed <offset>}.
 *
 * <pre>
 * produce CONFIG_FILE TOPIC VALUE[:internal]...   (":internal" adds the header internal=true)
 * consume CONFIG_FILE TOPIC END_OFFSET            (polls partition 0 up to END_OFFSET, commits)
 * </pre>
 * Exits 0 when done, 1 on any failure (the stack trace goes to stderr with the client's log).
 */
public final class OlderClientProgram {
    private static final Duration LIMIT = Duration.ofSeconds(60);

    private OlderClientProgram() {
    }

    public static void main(String[] args) {
        try {
            System.out.println("kafka-clients " + AppInfoParser.getVersion());
            Properties config = load(args[1]);
            if ("produce".equals(args[0])) {
                produce(config, args[2], List.of(args).subList(3, args.length));
            } else {
                consume(config, args[2], Long.parseLong(args[3]));
            }
            System.out.flush();
            System.exit(0);
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static Properties load(String file) throws IOException {
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(Paths.get(file))) {
            config.load(in);
        }
        return config;
    }

    private static void produce(Properties config, String topic, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            List<String> sent = new ArrayList<>();
            for (String spec : values) {
                boolean internal = spec.endsWith(":internal");
                String value = internal ? spec.substring(0, spec.length() - ":internal".length()) : spec;
                RecordHeaders headers = new RecordHeaders();
                if (internal) {
                    headers.add("internal", "true".getBytes(StandardCharsets.UTF_8));
                }
                acks.add(producer.send(new ProducerRecord<>(topic, 0, "k", value, headers)));
                sent.add(value);
            }
            for (int i = 0; i < acks.size(); i++) {
                acks.get(i).get();
                System.out.println("acked " + sent.get(i));
            }
        }
    }

    /** Polls until the position reaches {@code endOffset}; a record the filter holds back is retried, as applications must. */
    private static void consume(Properties config, String topic, long endOffset) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(Collections.singletonList(topic));
            long deadline = System.nanoTime() + LIMIT.toNanos();
            while (System.nanoTime() < deadline) {
                try {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        System.out.println("value " + record.value());
                    }
                } catch (RecordDeserializationException e) {
                    continue;   // held back: not judged yet (policy or token not there); poll again
                }
                if (consumer.assignment().contains(partition) && consumer.position(partition) >= endOffset) {
                    // Kafka 3.x has no ConsumerRecords.nextOffsets(): applications commit the position.
                    consumer.commitSync();
                    System.out.println("committed " + consumer.committed(Collections.singleton(partition))
                            .get(partition).offset());
                    return;
                }
            }
            throw new IllegalStateException("did not reach offset " + endOffset + " of " + topic + " within " + LIMIT);
        }
    }
}
