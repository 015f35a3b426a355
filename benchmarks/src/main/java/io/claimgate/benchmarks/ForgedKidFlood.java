package io.claimgate.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.security.auth.AuthenticateCallbackHandler;

/**
 * The forged-kid flood of issue 14 as it was measured there, through claimgate's handler only:
 * right after {@code configure()}, 4 threads validate {@value #FORGED} tokens signed by an unknown
 * key, each with its own random {@code kid}, while a fifth validates a good token every 20 ms.
 * Prints the longest hold of one thread, the thread time of all forged tokens, the JWKS requests
 * they caused (counted 1.5 s after the flood began, past the 1 s pause) and the good token's
 * slowest validation. Not JMH: one short scenario, wall-clock, each round with a fresh handler.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.claimgate.benchmarks.ForgedKidFlood [rounds]}.
 */
public final class ForgedKidFlood {
    static final int FORGED = 120;
    static final int THREADS = 4;

    private ForgedKidFlood() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        var keys = TokenPool.keys();
        String good = TokenPool.tokens(keys, "RS256", TokenPool.poolSize()).get(0);
        for (int round = 1; round <= rounds; round++) {
            List<String> forged = TokenPool.forgedTokens("RS256", FORGED);
            try (JwksServer server = new JwksServer(keys)) {
                Handlers.allowUrl(server.url());
                AuthenticateCallbackHandler handler = Handlers.claimgate(server.url(), null);
                try {
                    int atStart = server.requests();
                    run(round, handler, good, forged, server, atStart);
                } finally {
                    handler.close();
                }
            }
        }
    }

    private static void run(int round, AuthenticateCallbackHandler handler, String good, List<String> forged,
                            JwksServer server, int atStart) throws Exception {
        ExecutorService attackers = Executors.newFixedThreadPool(THREADS);
        AtomicLong longestNanos = new AtomicLong();
        AtomicLong totalNanos = new AtomicLong();
        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicLong goodLongestNanos = new AtomicLong();
        CountDownLatch goodStopped = new CountDownLatch(1);
        Thread legit = new Thread(() -> {
            try {
                while (flooding.get()) {
                    long start = System.nanoTime();
                    if (Handlers.callback(handler, good).token() == null) {
                        throw new IllegalStateException("the good token was refused");
                    }
                    goodLongestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                goodStopped.countDown();
            }
        }, "legit-client");
        legit.start();
        long floodStart = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                List<String> mine = forged.subList(t * FORGED / THREADS, (t + 1) * FORGED / THREADS);
                done.add(attackers.submit(() -> {
                    for (String token : mine) {
                        long start = System.nanoTime();
                        String status = Handlers.callback(handler, token).errorStatus();
                        long took = System.nanoTime() - start;
                        if (status == null || !status.startsWith("invalid_token (UNKNOWN_KEY: ")) {
                            throw new IllegalStateException("a forged token was not refused as UNKNOWN_KEY: " + status);
                        }
                        longestNanos.accumulateAndGet(took, Math::max);
                        totalNanos.addAndGet(took);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            long floodNanos = System.nanoTime() - floodStart;
            // The refresh the forged tokens asked for is due one pause (1 s) after the start-up fetch:
            // wait for it, good validations going on, to count it.
            Thread.sleep(Math.max(100, 1500 - TimeUnit.NANOSECONDS.toMillis(floodNanos)));
            flooding.set(false);
            goodStopped.await(10, TimeUnit.SECONDS);
            attackers.shutdown();
            System.out.printf("round %d: %d forged tokens on %d threads in %.1f ms: longest hold %.3f ms, thread time"
                            + " %.3f ms in all; JWKS requests at start-up %d, during and after the flood %d;"
                            + " good token every 20 ms, slowest %.3f ms%n", round, FORGED, THREADS, floodNanos / 1e6,
                    longestNanos.get() / 1e6, totalNanos.get() / 1e6, atStart, server.requests() - atStart,
                    goodLongestNanos.get() / 1e6);
        }
    }
}
