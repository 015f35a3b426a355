package io.claimgate.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command line of {@link AuthStorm}, parsed once.
 *
 * @param connections connections per storm, each with a distinct token
 * @param warmupConnections connections of the warm-up before the storms, each with a distinct token of
 *                    its own (default: as many as {@code connections}; more lets the broker's JIT finish
 *                    compiling the validator before it is measured); at least {@code connections}
 * @param threads     client threads authenticating concurrently
 * @param rounds      how many times every validator is measured; validators rotate between rounds
 * @param validators  the validators, in the order of the first round
 * @param algorithms  signed algorithms measured per signed validator (the floor uses unsigned tokens)
 * @param resultsRoot where {@code <date>-<machine>[-label]/} is created
 * @param machine     the machine's name in the results (default: the host name)
 * @param label       appended to the results directory and recorded in the results, e.g. {@code smoke}
 * @param brokerJvmOptions more options for every broker JVM (repeatable), e.g. a profiler agent or
 *                    {@code -XX:StartFlightRecording}, to see what limits the broker
 * @param scenario    {@code connect}: new connections (authentication and reconnect storm);
 *                    {@code reauth}: connections held open and re-authenticated ({@link ReauthStorm})
 * @param reauthMillis the listener's {@code connections.max.reauth.ms} in the {@code reauth} scenario
 * @param brokerCpus  CPUs the broker JVM is pinned to ({@code taskset} list, e.g. {@code 1}), or empty
 * @param clientCpus  CPUs this JVM (clients, JWKS server) is pinned to, or empty; see {@link CpuPinning}
 * @param layout      {@code per-validator}: a fresh broker per validator and round, each phase one storm;
 *                    {@code shared}: one broker per round with a listener per validator, the measured
 *                    phases cut into blocks that alternate between the validators ({@link SharedBrokerStorm})
 * @param block       connections per block with {@code --broker=shared}
 * @param claimgateOptions more JAAS options for claimgate's listener (repeatable
 *                    {@code --claimgate-option=oauth.token.cache.max.entries=0}), replacing the defaults
 */
record AuthStormOptions(int connections, int warmupConnections, int threads, int rounds, List<StormValidator> validators,
                        List<String> algorithms, Path resultsRoot, String machine, String label,
                        List<String> brokerJvmOptions, Scenario scenario, long reauthMillis, String brokerCpus,
                        String clientCpus, Layout layout, int block, Map<String, String> claimgateOptions) {

    /** How validators share brokers. */
    enum Layout {
        PER_VALIDATOR, SHARED;

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Layout named(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** What the storm does with its connections; names the results files. */
    enum Scenario {
        CONNECT("auth-storm"), REAUTH("reauth-storm");

        private final String fileName;

        Scenario(String fileName) {
            this.fileName = fileName;
        }

        String fileName() {
            return fileName;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String USAGE = "java -cp benchmarks/target/benchmarks.jar io.claimgate.benchmarks.AuthStorm"
            + " [--connections=2000] [--warmup-connections=<connections>] [--threads=8] [--rounds=1]"
            + " [--validators=floor,claimgate,kafka,strimzi] [--algorithms=RS256,ES256]"
            + " [--results=benchmarks/results] [--machine=<host name>] [--label=<text>]"
            + " [--broker-jvm-option=<option>]... [--scenario=connect|reauth] [--reauth-ms=60000]"
            + " [--broker-cpus=<taskset list>] [--client-cpus=<taskset list>]"
            + " [--broker=per-validator|shared] [--block=250] [--claimgate-option=oauth.<name>=<value>]...";

    static AuthStormOptions parse(String[] args) {
        int connections = 2000;
        int warmupConnections = 0;   // 0: as many as connections
        int threads = 8;
        int rounds = 1;
        List<StormValidator> validators = List.of(StormValidator.values());
        List<String> algorithms = List.of("RS256", "ES256");
        Path results = Path.of("benchmarks", "results");
        String machine = Machine.hostName();
        String label = "";
        List<String> brokerJvmOptions = new ArrayList<>();
        Scenario scenario = Scenario.CONNECT;
        long reauthMillis = 60_000;
        String brokerCpus = "";
        String clientCpus = "";
        Layout layout = Layout.PER_VALIDATOR;
        int block = 250;
        Map<String, String> claimgateOptions = new TreeMap<>();
        for (Map.Entry<String, String> arg : CommandLine.options(args, USAGE)) {
            String value = arg.getValue();
            switch (arg.getKey()) {
                case "connections" -> connections = CommandLine.atLeast(arg, 1);
                case "warmup-connections" -> warmupConnections = CommandLine.atLeast(arg, 1);
                case "threads" -> threads = CommandLine.atLeast(arg, 1);
                case "rounds" -> rounds = CommandLine.atLeast(arg, 1);
                case "validators" -> validators = CommandLine.list(value).stream().map(StormValidator::named).toList();
                case "algorithms" -> algorithms = CommandLine.algorithms(value);
                case "results" -> results = Path.of(value);
                case "machine" -> machine = value;
                case "label" -> label = value;
                case "broker-jvm-option" -> brokerJvmOptions.add(value);
                case "scenario" -> scenario = Scenario.valueOf(value.toUpperCase(Locale.ROOT));
                case "reauth-ms" -> reauthMillis = CommandLine.atLeast(arg, 1);
                case "broker-cpus" -> brokerCpus = value;
                case "client-cpus" -> clientCpus = value;
                case "broker" -> layout = Layout.named(value);
                case "block" -> block = CommandLine.atLeast(arg, 1);
                case "claimgate-option" -> {
                    int equals = value.indexOf('=');
                    if (!value.startsWith("oauth.") || equals < 0) {
                        throw new IllegalArgumentException("--claimgate-option takes oauth.<name>=<value>, not " + value);
                    }
                    claimgateOptions.put(value.substring(0, equals), value.substring(equals + 1));
                }
                default -> throw CommandLine.unknown(arg, USAGE);
            }
        }
        CommandLine.checkResultNames(machine, label);
        if (warmupConnections == 0) {
            warmupConnections = connections;
        }
        if (warmupConnections < connections) {
            // the re-authentication storm pairs measured token i with warm-up token i (same client)
            throw new IllegalArgumentException("--warmup-connections must be at least --connections");
        }
        if (layout == Layout.SHARED && (block > connections || !validators.contains(StormValidator.CLAIMGATE))) {
            throw new IllegalArgumentException("--broker=shared needs claimgate among the validators (its ratios are"
                    + " against claimgate) and --block at most --connections");
        }
        return new AuthStormOptions(connections, warmupConnections, threads, rounds, validators, algorithms, results, machine, label,
                List.copyOf(brokerJvmOptions), scenario, reauthMillis, brokerCpus, clientCpus, layout, block,
                Map.copyOf(claimgateOptions));
    }

    /** The validators of round {@code round} (0-based): the list rotated by the round, so no one is always first. */
    List<StormValidator> validatorsOfRound(int round) {
        return CommandLine.rotated(validators, round);
    }
}
