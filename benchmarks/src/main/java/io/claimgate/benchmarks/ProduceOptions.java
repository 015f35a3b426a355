package io.claimgate.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@link ProduceThroughput}, parsed once.
 *
 * @param records        records measured per configuration and round
 * @param warmupRecords  records sent (same producer, same topic) before measuring
 * @param recordBytes    value size of every record (no key)
 * @param rounds         how many times every configuration is measured; configurations rotate between rounds
 * @param rules          policy rules (ClaimAuthorizer) and ACLs (StandardAuthorizer) on the broker
 * @param configurations the configurations, in the order of the first round
 * @param resultsRoot    where {@code <date>-<machine>[-label]/} is created
 * @param machine        the machine's name in the results (default: the host name)
 * @param label          appended to the results directory, e.g. {@code smoke}
 * @param brokerJvmOptions more options for every broker JVM (repeatable), e.g. a profiler
 */
record ProduceOptions(int records, int warmupRecords, int recordBytes, int rounds, int rules,
                      List<ProduceConfiguration> configurations, Path resultsRoot, String machine, String label,
                      List<String> brokerJvmOptions) {

    static final String USAGE = "java -cp benchmarks/target/benchmarks.jar io.claimgate.benchmarks.ProduceThroughput"
            + " [--records=100000] [--warmup-records=25000] [--record-bytes=1024] [--rounds=3] [--rules=1000]"
            + " [--configurations=plaintext,claimgate,standard,oauth]"
            + " [--results=benchmarks/results] [--machine=<host name>] [--label=<text>]"
            + " [--broker-jvm-option=<option>]...";

    static ProduceOptions parse(String[] args) {
        int records = 100_000;
        int warmupRecords = 25_000;
        int recordBytes = 1024;
        int rounds = 3;
        int rules = 1000;
        List<ProduceConfiguration> configurations = List.of(ProduceConfiguration.values());
        Path results = Path.of("benchmarks", "results");
        String machine = Machine.hostName();
        String label = "";
        List<String> brokerJvmOptions = new ArrayList<>();
        for (Map.Entry<String, String> arg : CommandLine.options(args, USAGE)) {
            String value = arg.getValue();
            switch (arg.getKey()) {
                case "records" -> records = CommandLine.atLeast(arg, 1);
                case "warmup-records" -> warmupRecords = CommandLine.atLeast(arg, 1);
                case "record-bytes" -> recordBytes = CommandLine.atLeast(arg, 1);
                case "rounds" -> rounds = CommandLine.atLeast(arg, 1);
                case "rules" -> rules = CommandLine.atLeast(arg, 1);
                case "configurations" -> configurations = CommandLine.list(value).stream().map(ProduceConfiguration::named).toList();
                case "results" -> results = Path.of(value);
                case "machine" -> machine = value;
                case "label" -> label = value;
                case "broker-jvm-option" -> brokerJvmOptions.add(value);
                default -> throw CommandLine.unknown(arg, USAGE);
            }
        }
        CommandLine.checkResultNames(machine, label);
        return new ProduceOptions(records, warmupRecords, recordBytes, rounds, rules, configurations, results, machine,
                label, List.copyOf(brokerJvmOptions));
    }

    /** The configurations of round {@code round} (0-based): the list rotated by the round, so no one is always first. */
    List<ProduceConfiguration> configurationsOfRound(int round) {
        return CommandLine.rotated(configurations, round);
    }

}
