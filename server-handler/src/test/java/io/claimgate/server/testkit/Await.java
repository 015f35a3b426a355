package io.claimgate.server.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition, and the JWKS refresh threads alive in this JVM to wait on. */
public final class Await {
    private Await() {
    }

    public static long refreshThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("claimgate-jwks-refresh-") && t.isAlive()).count();
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
