package io.claimgate.it.rollout;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** Waiting for a counter to grow: the proof that an application's traffic flows. */
final class Progress {
    private Progress() {
    }

    static void await(String what, LongSupplier counter, long more, Duration timeout, Runnable alive,
                      Supplier<String> detail) throws InterruptedException {
        long target = counter.getAsLong() + more;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (counter.getAsLong() < target) {
            alive.run();
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": " + counter.getAsLong() + ", expected " + target + " within "
                        + timeout + "; " + detail.get());
            }
            Thread.sleep(50);
        }
    }
}
