package io.claimgate.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link FreshJvmValidation}'s measurements: per child a row, and per algorithm and phase the median
 * rate of every handler and claimgate's ratio to each other one, per round (both measured in the
 * same round), then median and min-max over rounds. Written as {@code fresh-jvm.csv} (rows) and
 * {@code fresh-jvm.json} (environment, options, rows, summary) into {@code <results>/<date>-<machine>[-label]/}.
 */
final class FreshJvmResults {
    /** One timed phase of one child. */
    record Row(int round, String alg, String handler, String phase, long operations, long wallNanos, long cpuNanos) {
        double opsPerSecond() {
            return operations * 1e9 / wallNanos;
        }

        double cpuMicrosPerOp() {
            return cpuNanos / 1e3 / operations;
        }
    }

    /** claimgate's rate over another's, per round, with median and range. */
    record Ratio(String alg, String phase, String other, double[] perRound) {
        double median() {
            return FreshJvmResults.median(perRound);
        }

        double min() {
            return Arrays.stream(perRound).min().orElse(Double.NaN);
        }

        double max() {
            return Arrays.stream(perRound).max().orElse(Double.NaN);
        }
    }

    static final String SUBJECT = "claimgate";
    private static final String CSV_HEADER = "round,alg,handler,phase,operations,wall_ms,ops_per_s,cpu_us_per_op";
    private static final List<String> PHASES = List.of("first-seen", "repeated");

    private final FreshJvmOptions options;
    private final Map<String, String> environment;
    private final Instant started = Instant.now();
    private final List<Row> rows = new ArrayList<>();

    FreshJvmResults(FreshJvmOptions options, List<String> childJvmOptions) {
        this.options = options;
        this.environment = Machine.describe(options.machine());
        this.environment.put("child_jvm_options", String.join(" ", childJvmOptions));
    }

    void add(Row row) {
        rows.add(row);
        System.out.printf(Locale.ROOT, "round %d %s %-15s %-10s %,12.0f ops/s %9.2f CPU µs/op%n", row.round(), row.alg(),
                row.handler(), row.phase(), row.opsPerSecond(), row.cpuMicrosPerOp());
    }

    Path directory() {
        return StormResults.directory(options.resultsRoot(), options.machine(), options.label());
    }

    /** claimgate over every other handler measured for {@code alg} and {@code phase}. */
    List<Ratio> ratios(String alg, String phase) {
        List<Ratio> out = new ArrayList<>();
        for (String other : handlers(alg, phase)) {
            if (other.equals(SUBJECT)) {
                continue;
            }
            double[] perRound = java.util.stream.IntStream.rangeClosed(1, options.rounds()).mapToDouble(round -> {
                Row mine = find(round, alg, SUBJECT, phase);
                Row theirs = find(round, alg, other, phase);
                return mine == null || theirs == null ? Double.NaN : mine.opsPerSecond() / theirs.opsPerSecond();
            }).filter(r -> !Double.isNaN(r)).toArray();
            if (perRound.length > 0) {
                out.add(new Ratio(alg, phase, other, perRound));
            }
        }
        return out;
    }

    /** The medians and ratios, as printed at the end of a run. */
    String summary() {
        StringBuilder out = new StringBuilder();
        for (String alg : options.algorithms()) {
            for (String phase : PHASES) {
                List<String> handlers = handlers(alg, phase);
                if (handlers.isEmpty()) {
                    continue;
                }
                out.append(String.format(Locale.ROOT, "%n%s %s, median of %d round(s):%n", alg, phase, options.rounds()));
                for (String handler : handlers) {
                    double[] rates = rows(alg, handler, phase).stream().mapToDouble(Row::opsPerSecond).toArray();
                    double[] cpu = rows(alg, handler, phase).stream().mapToDouble(Row::cpuMicrosPerOp).toArray();
                    out.append(String.format(Locale.ROOT, "  %-15s %,12.0f ops/s %9.2f CPU µs/op%n", handler,
                            median(rates), median(cpu)));
                }
                for (Ratio ratio : ratios(alg, phase)) {
                    out.append(String.format(Locale.ROOT, "  %s/%-15s median %.3fx (min %.3f, max %.3f); per round %s%n",
                            SUBJECT, ratio.other(), ratio.median(), ratio.min(), ratio.max(), format(ratio.perRound())));
                }
            }
        }
        return out.toString();
    }

    /** Writes both files (again after every child: an interrupted run keeps what it measured). */
    void write() throws IOException {
        Path directory = directory();
        Files.createDirectories(directory);
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (Row row : rows) {
            csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%d,%.1f,%.1f,%.3f%n", row.round(), row.alg(), row.handler(),
                    row.phase(), row.operations(), row.wallNanos() / 1e6, row.opsPerSecond(), row.cpuMicrosPerOp()));
        }
        Files.writeString(directory.resolve("fresh-jvm.csv"), csv, StandardCharsets.UTF_8);
        ObjectMapper mapper = new ObjectMapper();
        Files.writeString(directory.resolve("fresh-jvm.json"),
                mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json(mapper)) + "\n", StandardCharsets.UTF_8);
    }

    private ObjectNode json(ObjectMapper mapper) {
        ObjectNode root = mapper.createObjectNode();
        root.put("benchmark", "FreshJvmValidation");
        root.put("label", options.label());
        root.put("started", started.toString());
        ObjectNode env = root.putObject("environment");
        environment.forEach(env::put);
        ObjectNode opts = root.putObject("options");
        opts.put("rounds", options.rounds());
        opts.put("warmup", options.warmup());
        opts.put("measured", options.measured());
        opts.put("repeated", options.repeated());
        opts.put("handlers", String.join(",", options.handlers()));
        opts.put("algorithms", String.join(",", options.algorithms()));
        ArrayNode rowsNode = root.putArray("rows");
        for (Row row : rows) {
            rowsNode.addObject().put("round", row.round()).put("alg", row.alg()).put("handler", row.handler())
                    .put("phase", row.phase()).put("operations", row.operations()).put("wall_ns", row.wallNanos())
                    .put("cpu_ns", row.cpuNanos()).put("ops_per_s", round(row.opsPerSecond()))
                    .put("cpu_us_per_op", round(row.cpuMicrosPerOp()));
        }
        ArrayNode ratiosNode = root.putArray("ratios");
        for (String alg : options.algorithms()) {
            for (String phase : PHASES) {
                for (Ratio ratio : ratios(alg, phase)) {
                    ObjectNode node = ratiosNode.addObject().put("alg", alg).put("phase", phase)
                            .put("ratio", SUBJECT + "/" + ratio.other()).put("median", round(ratio.median()))
                            .put("min", round(ratio.min())).put("max", round(ratio.max()));
                    ArrayNode perRound = node.putArray("per_round");
                    Arrays.stream(ratio.perRound()).forEach(r -> perRound.add(round(r)));
                }
            }
        }
        return root;
    }

    private List<String> handlers(String alg, String phase) {
        return FreshJvmOptions.ALL_HANDLERS.stream().filter(h -> !rows(alg, h, phase).isEmpty()).toList();
    }

    private List<Row> rows(String alg, String handler, String phase) {
        return rows.stream().filter(r -> r.alg().equals(alg) && r.handler().equals(handler) && r.phase().equals(phase))
                .toList();
    }

    private Row find(int round, String alg, String handler, String phase) {
        return rows(alg, handler, phase).stream().filter(r -> r.round() == round).findFirst().orElse(null);
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static String format(double[] values) {
        return String.join(" ", Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.3f", v)).toList());
    }

    private static double round(double value) {
        return Double.isNaN(value) ? value : Math.round(value * 1000) / 1000.0;
    }
}
