package io.claimgate.benchmarks;

import java.time.Duration;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One producer sending records as fast as it can: a real {@link KafkaProducer} with acks=all and
 * Kafka's defaults otherwise (idempotence on, linger, batch size, in-flight requests), 1 KiB values
 * of random bytes (incompressible, though no compression is set), no key. The clock runs from the
 * first {@code send} to the end of {@code flush}, when the broker has acknowledged every record.
 */
final class ProduceRun {
    /** What the results record about the producer. */
    static final String DESCRIPTION = "one KafkaProducer, acks=all, Kafka's defaults otherwise (idempotence on),"
            + " random values, no key, one partition, one topic";
    /**
     * @param sent        records sent
     * @param failed      records the broker did not acknowledge; a run with any is not a measurement
     * @param firstFailure the first failure, else empty
     */
    record Result(int sent, int failed, String firstFailure, int recordBytes, Duration wall, Duration brokerCpu) {
        double recordsPerSecond() {
            return (sent - failed) / (wall.toNanos() / 1e9);
        }

        double megabytesPerSecond() {
            return recordsPerSecond() * recordBytes / 1e6;
        }

        double brokerCpuMicrosPerRecord() {
            return brokerCpu.toNanos() / 1e3 / Math.max(1, sent - failed);
        }
    }

    private ProduceRun() {
    }

    /** The producer's configuration: acks=all, byte arrays, {@code security}, Kafka's defaults otherwise. */
    static Properties producer(String bootstrap, Properties security) {
        Properties props = new Properties();
        props.putAll(security);
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("key.serializer", ByteArraySerializer.class.getName());
        props.put("value.serializer", ByteArraySerializer.class.getName());
        props.put("client.id", "claimgate-bench-producer");
        return props;
    }

    /** Warm-up ({@code warmupRecords}, not timed) then {@code records} timed, on one producer. */
    static Result run(StormBroker broker, Properties producerConfig, String topic, int warmupRecords, int records,
                      int recordBytes) throws Exception {
        byte[][] values = values(recordBytes);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
            send(producer, topic, values, warmupRecords, new AtomicInteger(), new AtomicReference<>(""));
            return measure(broker, producer, topic, records, values);
        }
    }

    /** {@code records} sent on {@code producer} as fast as it can and flushed, timed with the broker's CPU. */
    static Result measure(StormBroker broker, KafkaProducer<byte[], byte[]> producer, String topic, int records,
                          byte[][] values) {
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>("");
        ProcessCpu.Mark cpuBefore = broker.cpuMark();
        long start = System.nanoTime();
        send(producer, topic, values, records, failed, firstFailure);
        long wall = System.nanoTime() - start;
        Duration cpu = broker.cpuSince(cpuBefore);
        return new Result(records, failed.get(), firstFailure.get(), values[0].length, Duration.ofNanos(wall), cpu);
    }

    /** Warm-up records, not timed; the number that failed. */
    static int warmUp(KafkaProducer<byte[], byte[]> producer, String topic, int records, byte[][] values) {
        AtomicInteger failed = new AtomicInteger();
        send(producer, topic, values, records, failed, new AtomicReference<>(""));
        return failed.get();
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, byte[][] values, int records,
                             AtomicInteger failed, AtomicReference<String> firstFailure) {
        for (int i = 0; i < records; i++) {
            producer.send(new ProducerRecord<>(topic, values[i % values.length]), (metadata, e) -> {
                if (e != null) {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet("", e.toString());
                }
            });
        }
        producer.flush();
    }

    /** A few hundred distinct random values, made before the clock starts. */
    static byte[][] values(int recordBytes) {
        SplittableRandom random = new SplittableRandom(18);
        byte[][] values = new byte[256][recordBytes];
        for (byte[] value : values) {
            for (int i = 0; i < value.length; i++) {
                value[i] = (byte) random.nextInt(256);
            }
        }
        return values;
    }
}
