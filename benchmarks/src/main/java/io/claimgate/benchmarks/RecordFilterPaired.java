package io.claimgate.benchmarks;

import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link RecordFilterBenchmark}'s {@code consumeNoInterceptor} and {@code consumeOneFilter} measured
 * as a pair (see {@link PairedRatios}): the in-memory pipeline's ratio without the drift between
 * two separate JMH runs.
 *
 * <p>Usage: {@code java -Xms1g -Xmx1g -cp benchmarks.jar io.claimgate.benchmarks.RecordFilterPaired
 * [none|lz4] [rounds]}.
 */
public final class RecordFilterPaired {
    private static final int BATCHES_PER_BLOCK = 200;

    private RecordFilterPaired() {
    }

    public static void main(String[] args) throws Exception {
        String compression = args.length > 0 ? args[0] : "none";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        RecordFilterBenchmark bench = new RecordFilterBenchmark();
        bench.compression = compression;
        bench.setUp();
        Blackhole blackhole = PairedRatios.blackhole();
        try {
            // Two loops written out, one per variant, as JMH generates one per benchmark: with a single
            // loop shared by both (a Runnable per variant) the JIT compiles them together and the
            // ratio came out 0.025 higher.
            PairedRatios.Result result = PairedRatios.measure(rounds, () -> {
                for (int i = 0; i < BATCHES_PER_BLOCK; i++) {
                    bench.consumeNoInterceptor(blackhole);
                }
                return (long) BATCHES_PER_BLOCK * RecordFilterBenchmark.BATCH;
            }, () -> {
                for (int i = 0; i < BATCHES_PER_BLOCK; i++) {
                    bench.consumeOneFilter(blackhole);
                }
                return (long) BATCHES_PER_BLOCK * RecordFilterBenchmark.BATCH;
            });
            System.out.printf("in memory, compression=%s, %d rounds of %d batches of %d records each way%n",
                    compression, rounds, BATCHES_PER_BLOCK, RecordFilterBenchmark.BATCH);
            System.out.println("one filter / no interceptor, records per second: " + result);
        } finally {
            bench.tearDown();
        }
    }
}
