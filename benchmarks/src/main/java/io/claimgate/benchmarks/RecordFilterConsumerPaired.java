package io.claimgate.benchmarks;

import io.claimgate.it.KafkaCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link RecordFilterConsumerBenchmark}'s two consumers, measured as a pair: one broker, one
 * consumer without the interceptor and one with the sample policy's filter, polling the same records in
 * alternating blocks from one thread, and the ratio taken per round (see {@link PairedRatios}).
 *
 * <p>Usage: {@code java -Xms1g -Xmx1g -cp benchmarks.jar io.claimgate.benchmarks.RecordFilterConsumerPaired
 * [none|lz4] [rounds]}; needs {@code mvn install -DskipTests} first, like the benchmark (the
 * broker's jars come from the local Maven repository).
 */
public final class RecordFilterConsumerPaired {
    private static final long RECORDS_PER_BLOCK = 50_000;

    private RecordFilterConsumerPaired() {
    }

    public static void main(String[] args) throws Exception {
        String compression = args.length > 0 ? args[0] : "none";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        Blackhole blackhole = PairedRatios.blackhole();
        Path policy = RecordFilterConsumerBenchmark.writePolicy();
        try (KafkaCluster cluster = RecordFilterConsumerBenchmark.startWithRecords(compression)) {
            String bootstrap = cluster.bootstrapServers("PLAIN");
            try (KafkaConsumer<String, String> plain = RecordFilterConsumerBenchmark.consumer(bootstrap, null);
                 KafkaConsumer<String, String> filtered = RecordFilterConsumerBenchmark.consumer(bootstrap, policy)) {
                long end = RecordFilterConsumerBenchmark.sanityCheck(plain, false);
                RecordFilterConsumerBenchmark.sanityCheck(filtered, true);
                PairedRatios.Result result = PairedRatios.measure(rounds,
                        () -> RecordFilterConsumerBenchmark.consume(plain, end, RECORDS_PER_BLOCK, blackhole),
                        () -> RecordFilterConsumerBenchmark.consume(filtered, end, RECORDS_PER_BLOCK, blackhole));
                System.out.printf("real consumer, compression=%s, %d rounds of %d records each way%n", compression,
                        rounds, RECORDS_PER_BLOCK);
                System.out.println("one filter / no interceptor, records per second: " + result);
            }
        } finally {
            Files.deleteIfExists(policy);
        }
    }
}
