package io.claimgate.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The storm's measurements, written as {@code auth-storm.json} (environment + rows) and
 * {@code auth-storm.csv} (rows) into {@code <results>/<date>-<machine>[-label]/}, and printed.
 */
final class StormResults {
    /** One measured phase of one validator and algorithm, or one block of it ({@code block} from 1; 0: the whole phase). */
    record Row(int round, StormValidator validator, String alg, String phase, int block, int connections, int threads,
               ConnectionStorm.Result result) {
    }

    private static final String CSV_HEADER = "round,validator,alg,phase,connections,threads,accepted,refused,"
            + "wall_ms,connections_per_s,broker_cpu_ms,broker_cpu_us_per_auth,block,listener_cpu_us_per_auth";

    private final AuthStormOptions options;
    private final Map<String, String> environment;
    private final Instant started = Instant.now();
    private final List<Row> rows = new ArrayList<>();
    private final List<String> checks = new ArrayList<>();
    private final List<StormPairs.Pair> pairs = new ArrayList<>();
    private String cpuSource = "";

    StormResults(AuthStormOptions options) {
        this.options = options;
        this.environment = Machine.describe(options.machine(), options.brokerJvmOptions());
    }

    void add(Row row) {
        rows.add(row);
        System.out.println(csv(row));
    }

    /** Ratios of claimgate against the others, from a shared broker's blocks. */
    void addPairs(List<StormPairs.Pair> measured) {
        pairs.addAll(measured);
    }

    /** Where the broker's CPU time was read from ({@link StormBroker#cpuSource()}). */
    void cpuSource(String source) {
        cpuSource = source;
    }

    /** A set-up check that passed (e.g. the re-authentication expiry proof), recorded in the json. */
    void check(String what) {
        checks.add(what);
        System.err.println("AuthStorm: " + what);
    }

    Path directory() {
        return directory(options.resultsRoot(), options.machine(), options.label());
    }

    /** {@code <root>/<UTC date>-<machine>[-<label>]}: where every plain-main benchmark writes its results. */
    static Path directory(Path root, String machine, String label) {
        return root.resolve(LocalDate.now(ZoneOffset.UTC) + "-" + machine + (label.isEmpty() ? "" : "-" + label));
    }

    /** Writes both files (again, after every validator: an interrupted run keeps what it measured). */
    void write() throws IOException {
        Path directory = directory();
        Files.createDirectories(directory);
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        rows.forEach(row -> csv.append(csv(row)).append('\n'));
        Files.writeString(directory.resolve(options.scenario().fileName() + ".csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(options.scenario().fileName() + ".json"), json(), StandardCharsets.UTF_8);
        if (!pairs.isEmpty()) {
            Files.writeString(directory.resolve(options.scenario().fileName() + "-pairs.csv"), StormPairs.csv(pairs),
                    StandardCharsets.UTF_8);
        }
    }

    static void printHeader() {
        System.out.println(CSV_HEADER);
    }

    private static String csv(Row row) {
        ConnectionStorm.Result r = row.result();
        return String.join(",", String.valueOf(row.round()), row.validator().label(), row.alg(), row.phase(),
                String.valueOf(row.connections()), String.valueOf(row.threads()), String.valueOf(r.accepted()),
                String.valueOf(r.refused()), number(r.wall().toNanos() / 1e6), number(r.connectionsPerSecond()),
                number(r.brokerCpu().toNanos() / 1e6), number(r.brokerCpuMicrosPerAuthentication()),
                String.valueOf(row.block()), number(r.listenerCpuMicrosPerAuthentication()));
    }

    private String json() {
        StringBuilder out = new StringBuilder("{\n  \"benchmark\": \"AuthStorm\",\n");
        out.append("  \"scenario\": ").append(quote(options.scenario().label())).append(",\n");
        out.append("  \"warmup_connections\": ").append(options.warmupConnections()).append(",\n");
        if (options.scenario() == AuthStormOptions.Scenario.REAUTH) {
            out.append("  \"connections_max_reauth_ms\": ").append(options.reauthMillis()).append(",\n");
        }
        out.append("  \"label\": ").append(quote(options.label())).append(",\n");
        out.append("  \"broker_layout\": ").append(quote(options.layout().label())).append(",\n");
        if (options.layout() == AuthStormOptions.Layout.SHARED) {
            out.append("  \"block_connections\": ").append(options.block()).append(",\n");
        }
        if (!options.claimgateOptions().isEmpty()) {
            out.append("  \"claimgate_options\": {");
            String separator = "";
            for (Map.Entry<String, String> option : new TreeMap<>(options.claimgateOptions()).entrySet()) {
                out.append(separator).append(quote(option.getKey())).append(": ").append(quote(option.getValue()));
                separator = ", ";
            }
            out.append("},\n");
        }
        out.append("  \"broker_cpu_source\": ").append(quote(cpuSource)).append(",\n");
        out.append("  \"broker_cpus\": ").append(quote(options.brokerCpus())).append(",\n");
        out.append("  \"client_cpus\": ").append(quote(options.clientCpus())).append(",\n");
        out.append("  \"started\": ").append(quote(started.toString())).append(",\n");
        out.append("  \"environment\": {");
        String separator = "\n";
        for (Map.Entry<String, String> e : environment.entrySet()) {
            out.append(separator).append("    ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
            separator = ",\n";
        }
        out.append("\n  },\n  \"checks\": [");
        separator = "\n";
        for (String check : checks) {
            out.append(separator).append("    ").append(quote(check));
            separator = ",\n";
        }
        out.append("\n  ],\n  \"rows\": [");
        separator = "\n";
        for (Row row : rows) {
            ConnectionStorm.Result r = row.result();
            out.append(separator).append("    {\"round\": ").append(row.round())
                    .append(", \"validator\": ").append(quote(row.validator().label()))
                    .append(", \"handler\": ").append(quote(row.validator().handlerClass()))
                    .append(", \"alg\": ").append(quote(row.alg()))
                    .append(", \"phase\": ").append(quote(row.phase()))
                    .append(", \"block\": ").append(row.block())
                    .append(", \"connections\": ").append(row.connections())
                    .append(", \"threads\": ").append(row.threads())
                    .append(", \"accepted\": ").append(r.accepted())
                    .append(", \"refused\": ").append(r.refused())
                    .append(", \"first_refusal\": ").append(quote(r.firstRefusal()))
                    .append(", \"wall_ms\": ").append(number(r.wall().toNanos() / 1e6))
                    .append(", \"connections_per_s\": ").append(number(r.connectionsPerSecond()))
                    .append(", \"broker_cpu_ms\": ").append(number(r.brokerCpu().toNanos() / 1e6))
                    .append(", \"broker_cpu_us_per_auth\": ").append(number(r.brokerCpuMicrosPerAuthentication()))
                    .append(", \"listener_cpu_us_per_auth\": ").append(Double.isNaN(r.listenerCpuMicrosPerAuthentication()) ? "null"
                            : number(r.listenerCpuMicrosPerAuthentication()))
                    .append('}');
            separator = ",\n";
        }
        out.append("\n  ],\n  \"pairs\": [");
        separator = "\n";
        for (StormPairs.Pair pair : pairs) {
            out.append(separator).append("    ").append(pair.json());
            separator = ",\n";
        }
        return out.append("\n  ]\n}\n").toString();
    }

    static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }
}
