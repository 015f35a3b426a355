package io.claimgate.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The broker JVM's JIT compiler threads, whose CPU time each measured phase reports.
 *
 * <p>Why: on a broker pinned to one CPU, HotSpot's C2 compiler competes with the network threads for
 * that CPU long after start-up. A profile of the shared broker (async-profiler, 2026-12-07) found it
 * busy through a whole run with 20 000 warm-up connections per validator, and part of claimgate's
 * path still running as C1 code in the measured phases. Waiting for the compilers to go idle does not
 * help: with no load nothing reaches a compile threshold, and the compiles resume with the next
 * block. So each phase says how much of the broker's CPU went to compiling, and a run that wants
 * the steady state warms up for longer ({@code --warmup-connections}).
 */
final class JitCompilers {
    /** Linux's 15-character thread names of HotSpot's compiler threads. */
    private static final List<String> THREAD_NAMES = List.of("C1 CompilerThre", "C2 CompilerThre");

    private JitCompilers() {
    }

    /** What the compiler threads used between two marks of the broker's CPU. */
    static Duration cpuBetween(ProcessCpu cpu, ProcessCpu.Mark before, ProcessCpu.Mark after) {
        return ProcessCpu.between(before, after, cpu.threadsNamed(THREAD_NAMES));
    }

    /** A check line: what the compilers used of the broker's CPU during a measured phase. */
    static String during(int round, String alg, String phase, Duration compilers, Duration broker) {
        return String.format(Locale.ROOT, "round %d %s %s: the JIT compilers used %.0f ms of the broker's %.0f ms of"
                        + " CPU (%.1f %%)", round, alg, phase, compilers.toNanos() / 1e6, broker.toNanos() / 1e6,
                broker.isZero() ? 0.0 : 100.0 * compilers.toNanos() / broker.toNanos());
    }
}
