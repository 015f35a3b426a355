package io.claimgate.it.auth;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A legitimate producer that sends one record every {@code interval}, on the one connection it
 * keeps, and logs each send's latency (from {@code send()} to the broker's acknowledgement) into
 * the {@link LatencyLog} of the phase the send was made in.
 *
 * <p>The first record is sent and acknowledged before the pace starts, so topic creation, login
 * and the first metadata round trip are not measured. A pacer that falls behind (a starved test
 * JVM) resumes from now instead of sending the missed records in a burst, which would measure the
 * burst rather than the broker.
 */
final class PacedProducer implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final long intervalNanos;
    private final Thread pacer;
    private volatile boolean stopped;
    private volatile LatencyLog current = new LatencyLog("start");

    PacedProducer(Properties producerConfig, String topic, Duration interval) throws Exception {
        this.producer = new KafkaProducer<>(producerConfig);
        this.topic = topic;
        this.intervalNanos = interval.toNanos();
        try {
            producer.send(new ProducerRecord<>(topic, "k", "first")).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            producer.close(Duration.ZERO);
            throw e;
        }
        this.pacer = new Thread(this::pace, "paced-producer");
        pacer.setDaemon(true);
        pacer.start();
    }

    /** Sends from now on are logged in a new log, which is returned. */
    LatencyLog phase(String name) {
        LatencyLog log = new LatencyLog(name);
        current = log;
        return log;
    }

    /** Waits until every send logged in {@code log} has been answered, at most {@code timeout}. */
    static void awaitSettled(LatencyLog log, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log.settled() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private void pace() {
        long next = System.nanoTime();
        while (!stopped) {
            sendOne();
            next = Math.max(next + intervalNanos, System.nanoTime());
            for (long wait = next - System.nanoTime(); wait > 0 && !stopped; wait = next - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    private void sendOne() {
        LatencyLog log = current;
        long start = System.nanoTime();
        log.sent();
        try {
            producer.send(new ProducerRecord<>(topic, "k", "v" + start), (metadata, failure) -> {
                if (failure == null) {
                    log.acknowledged(System.nanoTime() - start);
                } else {
                    log.failed(failure);
                }
            });
        } catch (RuntimeException e) {
            log.failed(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        pacer.join(5000);
        producer.close(Duration.ofSeconds(10));
    }
}
