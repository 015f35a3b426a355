package io.claimgate.it.rollout;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * A reporting job that reads a topic from the start without a consumer group (assigned partitions).
 * It is the client whose ACLs the operator gets wrong when it moves to OAuth: audit mode reports
 * its reads as "would deny", enforce mode denies them. A denied poll is counted and retried, as a
 * real job would.
 */
final class ReportingReader extends MovableClient<KafkaConsumer<String, String>> {
    private static final Duration POLL = Duration.ofMillis(300);

    private final String topic;
    private final int partitions;
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong denied = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<Exception> lastError = new AtomicReference<>();

    ReportingReader(String topic, int partitions, Properties config) {
        super("reporting", withoutGroup(config));
        this.topic = topic;
        this.partitions = partitions;
        start();
    }

    /** The same configuration without {@code group.id}, for {@link #moveTo}. */
    static Properties withoutGroup(Properties config) {
        Properties copy = new Properties();
        copy.putAll(config);
        copy.remove("group.id");
        return copy;
    }

    @Override
    protected KafkaConsumer<String, String> open(Properties config) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config);
        List<TopicPartition> all = IntStream.range(0, partitions).mapToObj(p -> new TopicPartition(topic, p)).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
        return consumer;
    }

    @Override
    protected void step(KafkaConsumer<String, String> consumer) throws InterruptedException {
        try {
            read.addAndGet(consumer.poll(POLL).count());
        } catch (AuthorizationException e) {
            denied.incrementAndGet();
            Thread.sleep(POLL.toMillis());
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            lastError.set(e);
            Thread.sleep(POLL.toMillis());
        }
    }

    long read() {
        return read.get();
    }

    /** Polls refused for authorization. */
    long denied() {
        return denied.get();
    }

    void awaitProgress(int more, Duration timeout) throws InterruptedException {
        Progress.await("records read by the reporting job", read::get, more, timeout, this::checkAlive,
                () -> denied.get() + " denied polls, " + errors.get() + " errors, last " + lastError.get());
    }

    void awaitDenied(int more, Duration timeout) throws InterruptedException {
        Progress.await("denied polls of the reporting job", denied::get, more, timeout, this::checkAlive,
                () -> read.get() + " records read, " + errors.get() + " errors, last " + lastError.get());
    }
}
