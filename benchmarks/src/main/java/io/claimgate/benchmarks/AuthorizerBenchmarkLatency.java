package io.claimgate.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** {@link AuthorizerBenchmark} in sample-time mode: latency percentiles of one authorize() call, in ns. */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AuthorizerBenchmarkLatency extends AuthorizerBenchmark {
}
