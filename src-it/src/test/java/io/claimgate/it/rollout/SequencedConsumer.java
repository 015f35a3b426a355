package io.claimgate.it.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * The consuming application: a consumer group member that records every number it reads and
 * commits after each poll. Moved to another configuration, it commits, leaves and rejoins the same
 * group, so the group's committed offsets carry it on where it stopped (re-reads are harmless: the
 * numbers form a set). Errors (a coordinator moving during a restart, a denial) are counted and
 * the application polls on.
 */
final class SequencedConsumer extends MovableClient<KafkaConsumer<String, String>> {
    private static final Duration POLL = Duration.ofMillis(200);

    private final String topic;
    private final Set<Long> received = ConcurrentHashMap.newKeySet();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<Exception> lastError = new AtomicReference<>();

    SequencedConsumer(String name, String topic, Properties config) {
        super(name, config);
        this.topic = topic;
        start();
    }

    @Override
    protected KafkaConsumer<String, String> open(Properties config) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    @Override
    protected void step(KafkaConsumer<String, String> consumer) throws InterruptedException {
        try {
            ConsumerRecords<String, String> records = consumer.poll(POLL);
            for (ConsumerRecord<String, String> record : records) {
                received.add(Long.parseLong(record.value()));
            }
            if (!records.isEmpty()) {
                consumer.commitSync();
            }
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            lastError.set(e);
            Thread.sleep(POLL.toMillis());
        }
    }

    @Override
    protected void leave(KafkaConsumer<String, String> consumer) {
        try {
            consumer.commitSync();
        } catch (RuntimeException e) {
            errors.incrementAndGet();   // the records come again after the move
            lastError.set(e);
        }
    }

    /** Until the application is stopped: keeps reading until {@code expected} are all in. */
    void awaitAll(Set<Long> expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!received.containsAll(expected) && System.nanoTime() < deadline) {
            checkAlive();
            Thread.sleep(100);
        }
    }

    Set<Long> received() {
        return Set.copyOf(received);
    }

    long errors() {
        return errors.get();
    }

    void awaitProgress(int more, Duration timeout) throws InterruptedException {
        Progress.await("records read by " + this, received::size, more, timeout, this::checkAlive,
                () -> errors.get() + " errors, last " + lastError.get());
    }
}
