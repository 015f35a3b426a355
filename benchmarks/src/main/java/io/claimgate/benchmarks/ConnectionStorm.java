package io.claimgate.benchmarks;

import io.claimgate.it.RawOAuthBearer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One storm: every token presented once, each on a new TCP connection (SaslHandshake +
 * SaslAuthenticate, {@link RawOAuthBearer}), by {@code threads} client threads taking the next
 * token as soon as their previous connection is authenticated. Measures the wall time from the
 * start of the first connection to the end of the last and the broker JVM's CPU time in between,
 * all threads and the listener's own ({@link BrokerThreads}).
 */
final class ConnectionStorm {
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param accepted     connections the broker authenticated
     * @param refused      connections refused (or failed); a storm with any is not a measurement
     * @param firstRefusal the broker's message (or the exception) of the first refusal, else empty
     */
    record Result(int accepted, int refused, String firstRefusal, Duration wall, Duration brokerCpu,
                  Duration listenerCpu) {
        double connectionsPerSecond() {
            return accepted / (wall.toNanos() / 1e9);
        }

        double brokerCpuMicrosPerAuthentication() {
            return brokerCpu.toNanos() / 1e3 / Math.max(1, accepted);
        }

        /** The listener's acceptor and network threads only; NaN where they are not known. */
        double listenerCpuMicrosPerAuthentication() {
            return listenerCpu.isNegative() ? Double.NaN : listenerCpu.toNanos() / 1e3 / Math.max(1, accepted);
        }
    }

    private ConnectionStorm() {
    }

    /** {@code tokens} presented on {@code listener}, a listener of {@code broker}. */
    static Result run(StormBroker broker, StormBroker.Listener listener, List<String> tokens, int threads)
            throws Exception {
        return runEach(broker, listener, tokens.size(), threads, i -> {
            RawOAuthBearer.Outcome outcome = RawOAuthBearer.authenticate(listener.hostPort(), tokens.get(i), TIMEOUT);
            return outcome.accepted() ? null : outcome.message();
        });
    }

    /** One authentication of a storm: null when accepted, else why not. */
    @FunctionalInterface
    interface Attempt {
        String refusal(int index) throws java.io.IOException;
    }

    /**
     * Runs {@code attempts} authentications, {@code 0..attempts-1}, on {@code threads} client threads
     * (each takes the next index as soon as its previous one is answered), timing them as one storm:
     * the plumbing shared by the connection storm and the re-authentication storm ({@link ReauthStorm}).
     */
    static Result runEach(StormBroker broker, StormBroker.Listener listener, int attempts, int threads, Attempt attempt)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicReference<String> firstRefusal = new AtomicReference<>("");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> clients = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                clients.add(pool.submit(() -> {
                    go.await();
                    for (int i = next.getAndIncrement(); i < attempts; i = next.getAndIncrement()) {
                        String reason;
                        try {
                            reason = attempt.refusal(i);
                        } catch (java.io.IOException e) {
                            reason = e.toString();
                        }
                        if (reason == null) {
                            accepted.incrementAndGet();
                        } else {
                            refused.incrementAndGet();
                            firstRefusal.compareAndSet("", reason);
                        }
                    }
                    return null;
                }));
            }
            ProcessCpu.Mark cpuBefore = broker.cpuMark();
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> client : clients) {
                client.get();
            }
            long wall = System.nanoTime() - start;
            ProcessCpu.Mark cpuAfter = broker.cpuMark();
            Duration listenerCpu = listener.threads().isEmpty() ? Duration.ofNanos(-1)
                    : ProcessCpu.between(cpuBefore, cpuAfter, listener.threads());
            return new Result(accepted.get(), refused.get(), firstRefusal.get(), Duration.ofNanos(wall),
                    ProcessCpu.between(cpuBefore, cpuAfter), listenerCpu);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One connection with {@code token} to {@code hostPort}: the broker's refusal message, or null when it authenticated. */
    static String refusal(String hostPort, String token) throws java.io.IOException {
        RawOAuthBearer.Outcome outcome = RawOAuthBearer.authenticate(hostPort, token, TIMEOUT);
        return outcome.accepted() ? null : outcome.message();
    }
}
