package io.claimgate.it;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The child processes (broker JVMs) this test JVM started, so that none outlives it.
 *
 * <p>{@link KafkaCluster#close()} stops its own processes; this registry is the safety net for
 * everything else (a test that forgot to close, a failure in {@code @BeforeAll}, Ctrl-C): one JVM
 * shutdown hook stops every process still registered. Only processes started through
 * {@link #register(Process)} are ever touched, by their {@link Process} handle (that is, by pid).
 * A test JVM killed with SIGKILL runs no hook; such a broker is recognisable by the
 * {@code -Dclaimgate.it.parent.pid=<pid>} flag on its command line.
 */
final class ChildProcesses {

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "claimgate-it-child-reaper"));
    }

    private ChildProcesses() {
    }

    static void register(Process process) {
        LIVE.add(process);
    }

    /**
     * Stops one process: a polite SIGTERM first (Kafka then shuts down cleanly), SIGKILL if it is
     * still alive after {@code grace}. Returns the exit code, or -1 if it could not be read.
     */
    static int stop(Process process, Duration grace) {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
            return process.isAlive() ? -1 : process.exitValue();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return -1;
        } finally {
            if (!process.isAlive()) {
                LIVE.remove(process);
            }
        }
    }

    private static void stopAll() {
        // SIGTERM all first so they shut down in parallel, then force whatever is left.
        LIVE.forEach(Process::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Process process : LIVE) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
            }
        }
    }
}
