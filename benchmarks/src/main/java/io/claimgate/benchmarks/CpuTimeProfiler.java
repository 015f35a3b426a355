package io.claimgate.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time per operation, as secondary results of every iteration:
 * <ul>
 *   <li>{@code cpu.worker}: CPU time of the benchmark threads (JMH's {@code *-jmh-worker-*}) per op,
 *       in µs. Unlike wall-clock scores it barely moves when other processes compete for the
 *       cores, which they do on a shared build machine: it is what docs/BENCHMARKS.md compares
 *       when the wall-clock error bars overlap.</li>
 *   <li>{@code cpu.process}: CPU time of the whole benchmark JVM per op, in µs: also counts work a
 *       handler pushes to other threads (cache maintenance, GC), which the worker figure misses.</li>
 * </ul>
 * Enabled for every run by {@link BenchmarkMain}; by hand: {@code -prof io.claimgate.benchmarks.CpuTimeProfiler}.
 */
public final class CpuTimeProfiler implements InternalProfiler {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long workerStart;
    private long processStart;

    @Override
    public String getDescription() {
        return "CPU time per operation: benchmark threads and whole JVM (µs/op)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        processStart = os.getProcessCpuTime();
        workerStart = workerCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long worker = workerCpuTime() - workerStart;
        long process = os.getProcessCpuTime() - processStart;
        long ops = result.getMetadata().getMeasuredOps();
        if (ops <= 0) {
            return List.of();
        }
        return List.of(
                new ScalarResult("cpu.worker", worker / 1e3 / ops, "us/op", AggregationPolicy.AVG),
                new ScalarResult("cpu.process", process / 1e3 / ops, "us/op", AggregationPolicy.AVG));
    }

    /**
     * CPU time of the JMH worker threads, which live in the pool for the whole run (workers
     * outlive iterations, so before/after differences are per iteration).
     */
    private long workerCpuTime() {
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains("-jmh-worker-")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }
}
