package io.claimgate.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A ratio of two variants' throughput measured as a pair, for a shared machine: short blocks of
 * each, alternated (and which one goes first alternates too), so that both see the same neighbours,
 * and the ratio taken per round, reported as the median over rounds with its interquartile range.
 * JMH runs one benchmark after the other, in separate JVMs, and on a machine whose speed drifts by
 * 20 % within minutes the ratio of two such runs says as much about the drift as about the variants.
 * Both variants run in one JVM, so they share JIT profiles of the code they have in common.
 */
final class PairedRatios {
    private PairedRatios() {
    }

    /**
     * Median and quartiles of the per-round ratios {@code variant / baseline} of operations per
     * second, by wall clock and by the thread's CPU time.
     */
    record Result(double[] wall, double[] cpu) {
        @Override
        public String toString() {
            return "wall " + summary(wall) + ", cpu " + summary(cpu);
        }

        private static String summary(double[] ratios) {
            double[] sorted = ratios.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return String.format("%.3fx (IQR %.3f-%.3f)", sorted[n / 2], sorted[n / 4], sorted[3 * n / 4]);
        }
    }

    /**
     * Runs {@code rounds / 3} warm-up rounds, then {@code rounds} measured ones. Each block returns
     * how many operations it did.
     */
    static Result measure(int rounds, LongSupplier baseline, LongSupplier variant) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int warm = 0; warm < rounds / 3; warm++) {
            baseline.getAsLong();
            variant.getAsLong();
        }
        double[] wall = new double[rounds];
        double[] cpu = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            boolean variantFirst = (r & 1) == 1;
            double[] first = timed(variantFirst ? variant : baseline, threads);
            double[] second = timed(variantFirst ? baseline : variant, threads);
            double[] base = variantFirst ? second : first;
            double[] other = variantFirst ? first : second;
            wall[r] = other[0] / base[0];
            cpu[r] = other[1] / base[1];
        }
        return new Result(wall, cpu);
    }

    /** Operations per wall-clock second and per CPU second of one block. */
    private static double[] timed(LongSupplier block, ThreadMXBean threads) {
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        long operations = block.getAsLong();
        long wallTaken = System.nanoTime() - wall;
        long cpuTaken = threads.getCurrentThreadCpuTime() - cpu;
        return new double[] {(double) operations / wallTaken, (double) operations / cpuTaken};
    }

    /** A Blackhole outside JMH's runner (JMH asks for this sentence to allow it). */
    static Blackhole blackhole() {
        return new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    }
}
