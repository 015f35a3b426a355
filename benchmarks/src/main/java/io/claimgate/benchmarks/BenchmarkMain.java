package io.claimgate.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * Main class of {@code benchmarks.jar}: JMH's own command line ({@code org.openjdk.jmh.Main}, every
 * option works, {@code -h} lists them), with {@link CpuTimeProfiler} always enabled so that each
 * result also carries its CPU time per operation. {@code --no-cpu-profiler} (first argument) turns
 * that off.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        List<String> jmhArgs = new ArrayList<>(List.of(args));
        if (!jmhArgs.isEmpty() && jmhArgs.get(0).equals("--no-cpu-profiler")) {
            jmhArgs.remove(0);
        } else {
            jmhArgs.addAll(0, List.of("-prof", CpuTimeProfiler.class.getName()));
        }
        org.openjdk.jmh.Main.main(jmhArgs.toArray(String[]::new));
    }
}
