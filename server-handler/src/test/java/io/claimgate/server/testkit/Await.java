package io.claimgate.server.testkit;

import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** Waiting for a condition, and the JWKS refresh threads alive in this JVM to wait on. */
public final class Await {
    private Await() {
    }

    /** The JWKS refresh threads alive in this JVM now. */
    public static Set<Thread> refreshThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("claimgate-jwks-refresh-") && t.isAlive())
                .collect(Collectors.toSet());
    }

    /**
     * Refresh threads alive now that were not in {@code before}: the ones started since. Compared by
     * identity, not by count, because a thread of an earlier test's closed cache may still be ending.
     */
    public static Set<Thread> startedSince(Set<Thread> before) {
        Set<Thread> now = refreshThreads();
        now.removeAll(before);
        return now;
    }

    /** Waits until every thread started since {@code before} has ended. */
    public static void untilAllStartedSinceEnded(Set<Thread> before) throws InterruptedException {
        until(() -> startedSince(before).isEmpty());
    }

    public static void until(BooleanSupplier condition) throws InterruptedException {
        until(condition, Duration.ofSeconds(15));
    }

    public static void until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }
}
