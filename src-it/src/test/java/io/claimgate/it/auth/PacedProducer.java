package io.claimgate.it.auth;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A legitimate producer that sends one record every {@code interval}, on one connection it keeps,
 * and logs each send's latency (from {@code send()} to the broker's acknowledgement) into the
 * {@link LatencyLog} of the phase the send was made in.
 */
final class PacedProducer implements AutoCloseable {
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "paced-producer");
        t.setDaemon(true);
        return t;
    });
    private volatile LatencyLog current = new LatencyLog("start");

    PacedProducer(Properties producerConfig, String topic, Duration interval) {
        this.producer = new KafkaProducer<>(producerConfig);
        this.topic = topic;
        long micros = interval.toNanos() / 1000;
        pacer.scheduleAtFixedRate(this::sendOne, 0, micros, TimeUnit.MICROSECONDS);
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
        pacer.shutdownNow();
        pacer.awaitTermination(5, TimeUnit.SECONDS);
        producer.close(Duration.ofSeconds(10));
    }
}
