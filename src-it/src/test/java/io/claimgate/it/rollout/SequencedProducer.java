package io.claimgate.it.rollout;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * The producing application: sends 0, 1, 2, ... (key and value the number) to one topic, a record
 * every {@value #INTERVAL_MILLIS} ms, with an idempotent producer (acks=all, Kafka's retries).
 * A send the producer gives up on is sent again by the application, so at the end every number
 * must be acknowledged: {@link #unacknowledged()} is empty.
 */
final class SequencedProducer extends MovableClient<KafkaProducer<String, String>> {
    private static final long INTERVAL_MILLIS = 20;
    private static final Duration FINISH_TIMEOUT = Duration.ofSeconds(60);

    private final String topic;
    private final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    private final Queue<Long> toResend = new ConcurrentLinkedQueue<>();
    private final AtomicLong failedSends = new AtomicLong();
    private final AtomicLong kafkaRetries = new AtomicLong();
    private final AtomicReference<Exception> lastFailure = new AtomicReference<>();
    private volatile long sent;

    SequencedProducer(String topic, Properties config) {
        super("producer-app1", config);
        this.topic = topic;
        start();
    }

    @Override
    protected KafkaProducer<String, String> open(Properties config) {
        return new KafkaProducer<>(config);
    }

    @Override
    protected void step(KafkaProducer<String, String> producer) throws InterruptedException {
        Long again = toResend.poll();
        if (again != null) {
            send(producer, again);
        } else {
            send(producer, sent);
            sent++;
        }
        Thread.sleep(INTERVAL_MILLIS);
    }

    @Override
    protected void leave(KafkaProducer<String, String> producer) {
        producer.flush();
        kafkaRetries.addAndGet(retries(producer));
    }

    /** Flushes, then sends again what the producer gave up on until nothing is left (or a minute passed). */
    @Override
    protected void finish(KafkaProducer<String, String> producer) throws InterruptedException {
        producer.flush();
        long deadline = System.nanoTime() + FINISH_TIMEOUT.toNanos();
        while (!toResend.isEmpty() && System.nanoTime() < deadline) {
            for (Long seq = toResend.poll(); seq != null; seq = toResend.poll()) {
                send(producer, seq);
            }
            producer.flush();
            Thread.sleep(INTERVAL_MILLIS);
        }
        kafkaRetries.addAndGet(retries(producer));
    }

    private void send(KafkaProducer<String, String> producer, long seq) {
        String value = Long.toString(seq);
        try {
            producer.send(new ProducerRecord<>(topic, value, value), (metadata, error) -> {
                if (error == null) {
                    acknowledged.add(seq);
                } else {
                    failed(seq, error);
                }
            });
        } catch (RuntimeException e) {
            failed(seq, e);
        }
    }

    private void failed(long seq, Exception error) {
        failedSends.incrementAndGet();
        lastFailure.set(error);
        toResend.add(seq);
    }

    /** The producer's own retries of record batches ({@code record-retry-total}). */
    private static long retries(KafkaProducer<String, String> producer) {
        for (Map.Entry<MetricName, ? extends Metric> metric : producer.metrics().entrySet()) {
            if (metric.getKey().name().equals("record-retry-total") && metric.getKey().group().equals("producer-metrics")) {
                return (long) ((Number) metric.getValue().metricValue()).doubleValue();
            }
        }
        return 0;
    }

    /** Numbers sent so far (each once, plus re-sends). */
    long sent() {
        return sent;
    }

    Set<Long> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Numbers sent and never acknowledged; empty after {@link #close()} if the producer did its job. */
    Set<Long> unacknowledged() {
        Set<Long> missing = new TreeSet<>();
        for (long seq = 0; seq < sent; seq++) {
            if (!acknowledged.contains(seq)) {
                missing.add(seq);
            }
        }
        return missing;
    }

    /** Sends the producer failed and the application sent again. */
    long failedSends() {
        return failedSends.get();
    }

    /** Batches Kafka's producer retried by itself (closed producers only, and the last one once closed). */
    long kafkaRetries() {
        return kafkaRetries.get();
    }

    Exception lastFailure() {
        return lastFailure.get();
    }

    /** Waits until {@code more} further records are acknowledged: traffic flows. */
    void awaitProgress(int more, Duration timeout) throws InterruptedException {
        Progress.await("acknowledged records of " + topic, acknowledged::size, more, timeout, this::checkAlive,
                () -> "last send failure: " + lastFailure.get());
    }
}
