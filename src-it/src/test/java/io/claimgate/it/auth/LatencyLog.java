package io.claimgate.it.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Send latencies and failures of one phase of a {@link PacedProducer}; thread-safe. */
final class LatencyLog {
    private final String phase;
    private final List<Long> latenciesNanos = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sent = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    LatencyLog(String phase) {
        this.phase = phase;
    }

    void sent() {
        sent.incrementAndGet();
    }

    void acknowledged(long latencyNanos) {
        latenciesNanos.add(latencyNanos);
    }

    void failed(Throwable failure) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, failure.toString());
    }

    int sentCount() {
        return sent.get();
    }

    int failedCount() {
        return failed.get();
    }

    int acknowledgedCount() {
        return latenciesNanos.size();
    }

    /** The first failure, or "none". */
    String firstFailure() {
        String failure = firstFailure.get();
        return failure == null ? "none" : failure;
    }

    /** Whether every send of this phase has been answered (acknowledged or failed). */
    boolean settled() {
        return acknowledgedCount() + failedCount() >= sentCount();
    }

    /** The latency below which {@code percent} of acknowledged sends fall (nearest rank). */
    Duration percentile(double percent) {
        List<Long> sorted;
        synchronized (latenciesNanos) {
            sorted = new ArrayList<>(latenciesNanos);
        }
        if (sorted.isEmpty()) {
            throw new IllegalStateException("no acknowledged sends in phase " + phase);
        }
        Collections.sort(sorted);
        int rank = (int) Math.ceil(percent / 100 * sorted.size());
        return Duration.ofNanos(sorted.get(Math.max(rank, 1) - 1));
    }

    Duration max() {
        return percentile(100);
    }

    @Override
    public String toString() {
        return phase + ": " + sentCount() + " sent, " + acknowledgedCount() + " acknowledged, " + failedCount()
                + " failed (first: " + firstFailure() + "), p50 " + millis(percentile(50)) + ", p99 "
                + millis(percentile(99)) + ", max " + millis(max());
    }

    static String millis(Duration d) {
        return String.format("%.1f ms", d.toNanos() / 1e6);
    }
}
