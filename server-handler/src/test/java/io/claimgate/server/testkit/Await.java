package io.claimgate.server.testkit;

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
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 15 s");
            }
            Thread.sleep(50);
        }
    }
}
