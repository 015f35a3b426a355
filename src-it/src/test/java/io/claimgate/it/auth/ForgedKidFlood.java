package io.claimgate.it.auth;

import io.claimgate.it.RawOAuthBearer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Forged tokens presented to a listener at a fixed rate, each on its own connection
 * ({@link RawOAuthBearer}), by a pool of threads that take the next due slot: a slow answer delays
 * only the thread waiting for it while the others keep the rate. Bounded: one attempt per token,
 * none after {@code duration}.
 */
final class ForgedKidFlood {
    /** An attempt that gets no answer within this fails with a timeout (counted in {@code errors}). */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

    /**
     * @param attempts           attempts answered or failed
     * @param accepted           forged tokens the broker authenticated
     * @param refusedUnknownKey  refusals naming {@code UNKNOWN_KEY}
     * @param refusedOtherwise   other refusals; {@code sample} shows one
     * @param errors             connections that failed or timed out; {@code sample} shows one
     */
    record Result(int attempts, int accepted, int refusedUnknownKey, int refusedOtherwise, int errors, String sample,
                  Duration elapsed, Duration longestAttempt) {
        double perSecond() {
            return attempts * 1e9 / elapsed.toNanos();
        }

        @Override
        public String toString() {
            return String.format("%d attempts in %.1f s (%.1f/s): %d accepted, %d refused UNKNOWN_KEY, %d refused"
                            + " otherwise, %d errors (%s); longest attempt %s", attempts, elapsed.toNanos() / 1e9,
                    perSecond(), accepted, refusedUnknownKey, refusedOtherwise, errors, sample,
                    LatencyLog.millis(longestAttempt));
        }
    }

    private ForgedKidFlood() {
    }

    /** Presents {@code tokens} to {@code hostPort} at {@code perSecond}, for at most {@code duration}. */
    static Result run(String hostPort, List<String> tokens, int perSecond, int threads, Duration duration)
            throws InterruptedException {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long slotNanos = 1_000_000_000L / perSecond;
        AtomicInteger nextSlot = new AtomicInteger();
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger unknownKey = new AtomicInteger();
        AtomicInteger otherwise = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> sample = new AtomicReference<>("no other outcome");
        AtomicLong longest = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                for (int slot = nextSlot.getAndIncrement(); slot < tokens.size(); slot = nextSlot.getAndIncrement()) {
                    long due = start + slot * slotNanos;
                    if (due >= end || !sleepUntil(due)) {
                        return;
                    }
                    try {
                        RawOAuthBearer.Outcome outcome = RawOAuthBearer.authenticate(hostPort, tokens.get(slot),
                                ATTEMPT_TIMEOUT);
                        longest.accumulateAndGet(outcome.elapsed().toNanos(), Math::max);
                        if (outcome.accepted()) {
                            accepted.incrementAndGet();
                        } else if (outcome.message().contains("UNKNOWN_KEY")) {
                            unknownKey.incrementAndGet();
                        } else {
                            otherwise.incrementAndGet();
                            sample.set("refused: " + outcome.message());
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                        sample.set("error: " + e);
                    }
                    attempts.incrementAndGet();
                }
            }, "forged-kid-" + t);
            worker.setDaemon(true);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return new Result(attempts.get(), accepted.get(), unknownKey.get(), otherwise.get(), errors.get(), sample.get(),
                Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(longest.get()));
    }

    /** False when interrupted. */
    private static boolean sleepUntil(long dueNanos) {
        long wait = dueNanos - System.nanoTime();
        try {
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
