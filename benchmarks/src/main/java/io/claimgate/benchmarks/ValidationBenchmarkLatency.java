package io.claimgate.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * {@link ValidationBenchmark}'s benchmarks in sample-time mode: the latency distribution of one
 * validation (JMH prints p0.50, p0.90, p0.99, ... in µs). A separate class because JMH has one
 * output time unit per class: ops/s for throughput, µs for latency.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ValidationBenchmarkLatency extends ValidationBenchmark {
}
