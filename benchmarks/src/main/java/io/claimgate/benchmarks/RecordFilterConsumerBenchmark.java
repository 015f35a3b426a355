package io.claimgate.benchmarks;

import io.claimgate.filter.RecordFilterDeserializer;
import io.claimgate.filter.RecordFilterInterceptor;
import io.claimgate.it.KafkaCluster;
import io.claimgate.it.KafkaClusterSpec;
import io.claimgate.it.ListenerSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The record filter's cost to a real consumer (issue 4), end to end: a {@link KafkaConsumer}
 * polling a real KRaft broker (child JVM, plaintext listener, data in the page cache) for the same
 * records as {@link RecordFilterBenchmark}: 100-byte values, 3 headers, one record in ten with
 * {@code internal=true}, the sample policy's {@code hide-internal} filter, as {@code client2}
 * ({@code claimgate.filter.principal}: the principal source is not what is measured). Everything the
 * consumer thread does counts: fetch requests, reading the responses from the socket, CRC checks,
 * decompression ({@link #compression}), parsing, deserializing, the interceptor, handing records
 * to the application ({@link Blackhole}).
 * <ul>
 *   <li>{@code consumeNoInterceptor}: no {@code interceptor.classes};</li>
 *   <li>{@code consumeOneFilter}: the record filter ({@link RecordFilterDeserializer} wrapping
 *       {@code StringDeserializer}, and {@link RecordFilterInterceptor}) with the filter.</li>
 * </ul>
 * An operation is one record delivered to the application or withheld by the filter (a consumer
 * that skips a record has still consumed it): each invocation polls until it has consumed
 * {@value #RECORDS_PER_INVOCATION} records, carrying any excess over to the next invocation, and
 * starts again from the beginning of the topic at its end. {@code cpu.worker} is the consumer
 * thread's CPU per record, which the broker's own work on the other core does not disturb.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 6, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Threads(1)
public class RecordFilterConsumerBenchmark {
    static final int RECORDS = 400_000;
    static final int RECORDS_PER_INVOCATION = 5_000;
    static final String TOPIC = "orders";
    static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @Param({"none", "lz4"})
    public String compression;

    private KafkaCluster cluster;
    private KafkaConsumer<String, String> consumer;
    private Path policy;
    private long end;
    /** Records consumed beyond the last invocation's quota. */
    private long carried;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws Exception {
        String method = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
        boolean filter = switch (method) {
            case "consumeNoInterceptor" -> false;
            case "consumeOneFilter" -> true;
            default -> throw new IllegalStateException("no set-up for " + method);
        };
        cluster = startWithRecords(compression);
        policy = writePolicy();
        consumer = consumer(cluster.bootstrapServers("PLAIN"), filter ? policy : null);
        end = sanityCheck(consumer, filter);
    }

    /** A broker with {@value #RECORDS} records in {@value #TOPIC}, produced with {@code compression}. */
    static KafkaCluster startWithRecords(String compression) throws Exception {
        KafkaCluster cluster = KafkaCluster.start(KafkaClusterSpec.builder("filter-bench")
                .listener(ListenerSpec.plaintext("PLAIN"))
                .build());
        try {
            String bootstrap = cluster.bootstrapServers("PLAIN");
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
            produce(bootstrap, compression);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    static Path writePolicy() throws Exception {
        Path policy = Files.createTempFile("claimgate-bench-policy", ".yaml");
        Files.writeString(policy, "record_filters:\n  - name: hide-internal\n    topics: [\"*\"]\n    skip_when: \""
                + RecordFilterBenchmark.DESIGN_FILTER + "\"\n");
        return policy;
    }

    /** A consumer at the start of the topic; with the filter as client2 when {@code policy} is given. */
    static KafkaConsumer<String, String> consumer(String bootstrap, Path policy) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        configs.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        configs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (policy != null) {
            configs.put(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG, RecordFilterInterceptor.class.getName());
            configs.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, RecordFilterDeserializer.class.getName());
            configs.put("claimgate.filter.value.deserializer", StringDeserializer.class.getName());
            configs.put("claimgate.policy.location", policy.toString());
            configs.put("claimgate.policy.reload.seconds", "0");
            configs.put("claimgate.filter.principal", "client2");
        }
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(configs);
        consumer.assign(List.of(PARTITION));
        consumer.seekToBeginning(List.of(PARTITION));
        return consumer;
    }

    private static void produce(String bootstrap, String compression) throws Exception {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        configs.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        configs.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        configs.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        configs.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        configs.put(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        SplittableRandom random = new SplittableRandom(42);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(configs)) {
            for (int i = 0; i < RECORDS; i++) {
                byte[] value = new byte[RecordFilterBenchmark.VALUE_BYTES];
                for (int b = 0; b < value.length; b++) {
                    value[b] = (byte) ('a' + random.nextInt(26));
                }
                ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(TOPIC, 0,
                        ("key-" + i).getBytes(StandardCharsets.UTF_8), value);
                record.headers().add(new RecordHeader("trace-id",
                        String.format("%016x", random.nextLong()).getBytes(StandardCharsets.UTF_8)));
                record.headers().add(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
                record.headers().add(i % 10 == 0 ? new RecordHeader("internal", "true".getBytes(StandardCharsets.UTF_8))
                        : new RecordHeader("source", "billing".getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
    }

    /**
     * One pass over the topic: the filter withholds exactly the internal records, the baseline none.
     * Returns the topic's end offset, with the consumer back at its beginning.
     */
    static long sanityCheck(KafkaConsumer<String, String> consumer, boolean filter) {
        long end = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
        long delivered = 0;
        long seen = 0;
        while (consumer.position(PARTITION) < end) {
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(5));
            delivered += records.count();
            seen = consumer.position(PARTITION);
            for (ConsumerRecord<String, String> record : records) {
                if (filter && record.headers().lastHeader("internal") != null) {
                    throw new IllegalStateException("the filter let an internal record through");
                }
            }
        }
        long expected = filter ? RECORDS - RECORDS / 10 : RECORDS;
        if (seen != RECORDS || delivered != expected) {
            throw new IllegalStateException((filter ? "with" : "without") + " the filter: " + delivered + " of " + seen
                    + " records delivered, expected " + expected + " of " + RECORDS);
        }
        consumer.seekToBeginning(List.of(PARTITION));
        return end;
    }

    /**
     * Polls until at least {@code quota} records were consumed (delivered or withheld), handing each
     * delivered one to {@code blackhole}, and starts again from the beginning at the end of the
     * topic. Returns how many were consumed.
     */
    static long consume(KafkaConsumer<String, String> consumer, long end, long quota, Blackhole blackhole) {
        long consumed = 0;
        while (consumed < quota) {
            long before = consumer.position(PARTITION);
            ConsumerRecords<String, String> records = consumer.poll(Duration.ofSeconds(5));
            for (ConsumerRecord<String, String> record : records) {
                blackhole.consume(record.value());
            }
            long after = consumer.position(PARTITION);
            consumed += after - before;
            if (after >= end) {
                consumer.seekToBeginning(List.of(PARTITION));
            }
        }
        return consumed;
    }

    private void consume(Blackhole blackhole) {
        long quota = RECORDS_PER_INVOCATION - carried;
        carried = consume(consumer, end, quota, blackhole) - quota;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public void consumeNoInterceptor(Blackhole blackhole) {
        consume(blackhole);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS_PER_INVOCATION)
    public void consumeOneFilter(Blackhole blackhole) {
        consume(blackhole);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        if (consumer != null) {
            consumer.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (policy != null) {
            Files.deleteIfExists(policy);
        }
    }
}
