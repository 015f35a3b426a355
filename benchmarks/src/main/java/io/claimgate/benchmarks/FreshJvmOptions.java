package io.claimgate.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@link FreshJvmValidation}, parsed once.
 *
 * @param rounds          how many times every handler is measured; the order rotates between rounds
 * @param warmup          distinct tokens each child validates before measuring
 * @param measured        other distinct tokens each child then validates, timed (first-seen)
 * @param repeated        validations of one token, timed, after the first-seen phase (0 = skip)
 * @param handlers        handlers (and raw verifiers) in the order of the first round
 * @param algorithms      RS256 and/or ES256
 * @param resultsRoot     where {@code <date>-<machine>[-label]/} is created
 * @param machine         the machine's name in the results (default: the host name)
 * @param label           appended to the results directory and recorded in the results
 * @param childJvmOptions more options for every child JVM (repeatable), e.g. {@code -XX:StartFlightRecording=...}
 */
record FreshJvmOptions(int rounds, int warmup, int measured, int repeated, List<String> handlers,
                       List<String> algorithms, Path resultsRoot, String machine, String label,
                       List<String> childJvmOptions) {

    /** Everything a child can measure; {@code rawBouncyCastle} only for ES256 (for RS256 it is {@code rawJca}). */
    static final List<String> ALL_HANDLERS = List.of("claimgate", "kafka", "strimzi", "rawJca", "rawBouncyCastle");

    static final String USAGE = "java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar"
            + " io.claimgate.benchmarks.FreshJvmValidation [--rounds=5] [--warmup=10000] [--measured=10000]"
            + " [--repeated=5000] [--handlers=" + String.join(",", ALL_HANDLERS) + "] [--algorithms=RS256,ES256]"
            + " [--results=benchmarks/results] [--machine=<host name>] [--label=<text>] [--child-jvm-option=<option>]...";

    static FreshJvmOptions parse(String[] args) {
        int rounds = 5;
        int warmup = 10_000;
        int measured = 10_000;
        int repeated = 5_000;
        List<String> handlers = ALL_HANDLERS;
        List<String> algorithms = List.of("RS256", "ES256");
        Path results = Path.of("benchmarks", "results");
        String machine = Machine.hostName();
        String label = "";
        List<String> childJvmOptions = new ArrayList<>();
        for (Map.Entry<String, String> arg : CommandLine.options(args, USAGE)) {
            String value = arg.getValue();
            switch (arg.getKey()) {
                case "rounds" -> rounds = CommandLine.atLeast(arg, 1);
                case "warmup" -> warmup = CommandLine.atLeast(arg, 0);
                case "measured" -> measured = CommandLine.atLeast(arg, 1);
                case "repeated" -> repeated = CommandLine.atLeast(arg, 0);
                case "handlers" -> handlers = CommandLine.list(value).stream().peek(FreshJvmOptions::checkHandler).toList();
                case "algorithms" -> algorithms = CommandLine.algorithms(value);
                case "results" -> results = Path.of(value);
                case "machine" -> machine = value;
                case "label" -> label = value;
                case "child-jvm-option" -> childJvmOptions.add(value);
                default -> throw CommandLine.unknown(arg, USAGE);
            }
        }
        CommandLine.checkResultNames(machine, label);
        return new FreshJvmOptions(rounds, warmup, measured, repeated, handlers, algorithms, results, machine, label,
                List.copyOf(childJvmOptions));
    }

    /** Distinct tokens a child needs: the warm-up ones, then the measured ones. */
    int poolSize() {
        return Math.max(TokenPool.poolSize(), warmup + measured);
    }

    /** The handlers measured for {@code alg} in round {@code round} (0-based), rotated so no one is always first. */
    List<String> handlersOfRound(String alg, int round) {
        List<String> rotated = new ArrayList<>(handlers);
        if (!alg.equals("ES256")) {
            rotated.remove("rawBouncyCastle");
        }
        return CommandLine.rotated(rotated, round);
    }

    private static void checkHandler(String handler) {
        if (!ALL_HANDLERS.contains(handler)) {
            throw new IllegalArgumentException("unknown handler " + handler + "; one of " + ALL_HANDLERS);
        }
    }



}
