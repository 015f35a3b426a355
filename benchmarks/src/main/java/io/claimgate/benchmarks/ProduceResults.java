package io.claimgate.benchmarks;

import static io.claimgate.benchmarks.StormResults.number;
import static io.claimgate.benchmarks.StormResults.quote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link ProduceThroughput}'s measurements, written as {@code produce-throughput.json} (environment,
 * rows, ratios) and {@code produce-throughput.csv} (rows) into {@code <results>/<date>-<machine>[-label]/}
 * next to the storms' files, and printed. Ratio: a configuration's mean records/s over the rounds
 * divided by {@code plaintext}'s.
 */
final class ProduceResults {
    /** One configuration measured in one round; {@code decisionsChecked}: allowed and denied proven first. */
    record Row(int round, ProduceConfiguration configuration, boolean decisionsChecked, ProduceRun.Result result) {
    }

    private static final String NAME = "produce-throughput";
    private static final String CSV_HEADER = "round,configuration,authorizer,decisions_checked,records,record_bytes,"
            + "failed,wall_ms,records_per_s,mb_per_s,broker_cpu_ms,broker_cpu_us_per_record";

    private final ProduceOptions options;
    private final Map<String, String> environment;
    private final Instant started = Instant.now();
    private final List<Row> rows = new ArrayList<>();

    ProduceResults(ProduceOptions options) {
        this.options = options;
        this.environment = Machine.describe(options.machine(), options.brokerJvmOptions());
    }

    static void printHeader() {
        System.out.println(CSV_HEADER);
    }

    void add(Row row) {
        rows.add(row);
        System.out.println(csv(row));
    }

    Path directory() {
        String name = LocalDate.now(ZoneOffset.UTC) + "-" + options.machine()
                + (options.label().isEmpty() ? "" : "-" + options.label());
        return options.resultsRoot().resolve(name);
    }

    /** Mean records/s of each configuration relative to plaintext's (empty without a plaintext row). */
    Map<String, Double> ratios() {
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Row row : rows) {
            double[] sum = sums.computeIfAbsent(row.configuration().label(), k -> new double[2]);
            sum[0] += row.result().recordsPerSecond();
            sum[1]++;
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        double[] reference = sums.get(ProduceConfiguration.PLAINTEXT.label());
        if (reference != null) {
            sums.forEach((label, sum) -> ratios.put(label, (sum[0] / sum[1]) / (reference[0] / reference[1])));
        }
        return ratios;
    }

    /** Writes both files (again after every configuration: an interrupted run keeps what it measured). */
    void write() throws IOException {
        Path directory = directory();
        Files.createDirectories(directory);
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        rows.forEach(row -> csv.append(csv(row)).append('\n'));
        Files.writeString(directory.resolve(NAME + ".csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(NAME + ".json"), json(), StandardCharsets.UTF_8);
    }

    private String csv(Row row) {
        ProduceRun.Result r = row.result();
        return String.join(",", String.valueOf(row.round()), row.configuration().label(),
                row.configuration().authorizerName(), String.valueOf(row.decisionsChecked()),
                String.valueOf(r.sent()), String.valueOf(r.recordBytes()), String.valueOf(r.failed()),
                number(r.wall().toNanos() / 1e6), number(r.recordsPerSecond()), number(r.megabytesPerSecond()),
                number(r.brokerCpu().toNanos() / 1e6), number(r.brokerCpuMicrosPerRecord()));
    }

    private String json() {
        StringBuilder out = new StringBuilder("{\n  \"benchmark\": \"ProduceThroughput\",\n");
        out.append("  \"label\": ").append(quote(options.label())).append(",\n");
        out.append("  \"started\": ").append(quote(started.toString())).append(",\n");
        out.append("  \"rules\": ").append(options.rules()).append(",\n");
        out.append("  \"warmup_records\": ").append(options.warmupRecords()).append(",\n");
        out.append("  \"producer\": ").append(quote(ProduceRun.DESCRIPTION)).append(",\n");
        out.append("  \"environment\": {");
        String separator = "\n";
        for (Map.Entry<String, String> e : environment.entrySet()) {
            out.append(separator).append("    ").append(quote(e.getKey())).append(": ").append(quote(e.getValue()));
            separator = ",\n";
        }
        out.append("\n  },\n  \"ratios_vs_plaintext\": {");
        separator = "\n";
        for (Map.Entry<String, Double> e : ratios().entrySet()) {
            out.append(separator).append("    ").append(quote(e.getKey())).append(": ")
                    .append(String.format(java.util.Locale.ROOT, "%.3f", e.getValue()));
            separator = ",\n";
        }
        out.append("\n  },\n  \"rows\": [");
        separator = "\n";
        for (Row row : rows) {
            ProduceRun.Result r = row.result();
            out.append(separator).append("    {\"round\": ").append(row.round())
                    .append(", \"configuration\": ").append(quote(row.configuration().label()))
                    .append(", \"authorizer\": ").append(quote(row.configuration().authorizerName()))
                    .append(", \"decisions_checked\": ").append(row.decisionsChecked())
                    .append(", \"records\": ").append(r.sent())
                    .append(", \"record_bytes\": ").append(r.recordBytes())
                    .append(", \"failed\": ").append(r.failed())
                    .append(", \"first_failure\": ").append(quote(r.firstFailure()))
                    .append(", \"wall_ms\": ").append(number(r.wall().toNanos() / 1e6))
                    .append(", \"records_per_s\": ").append(number(r.recordsPerSecond()))
                    .append(", \"mb_per_s\": ").append(number(r.megabytesPerSecond()))
                    .append(", \"broker_cpu_ms\": ").append(number(r.brokerCpu().toNanos() / 1e6))
                    .append(", \"broker_cpu_us_per_record\": ").append(number(r.brokerCpuMicrosPerRecord()))
                    .append('}');
            separator = ",\n";
        }
        return out.append("\n  ]\n}\n").toString();
    }
}
