package io.claimgate.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Pins a process, all its threads, to a set of CPUs with Linux {@code taskset}. On a small machine
 * the storm's client threads otherwise take CPU from the broker they measure, and how much varies
 * from run to run: with the broker on CPUs of its own, connections per second measure the broker.
 * Threads a pinned thread starts later inherit its CPUs.
 */
final class CpuPinning {
    private CpuPinning() {
    }

    /** @param cpus a {@code taskset} CPU list, e.g. {@code 1} or {@code 2-3} */
    static void pin(long pid, String cpus) {
        ProcessBuilder taskset = new ProcessBuilder("taskset", "-a", "-p", "-c", cpus, String.valueOf(pid))
                .redirectErrorStream(true);
        try {
            Process process = taskset.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException("taskset could not pin process " + pid + " to CPUs " + cpus + ": "
                        + output.strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not run taskset (util-linux) to pin process " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pinning process " + pid, e);
        }
    }

    /** Pins this JVM. */
    static void pinSelf(String cpus) {
        pin(ProcessHandle.current().pid(), cpus);
    }
}
