package io.claimgate.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns JMH JSON results ({@code -rf json -rff results.json}) into the Markdown tables of
 * docs/BENCHMARKS.md: throughput (ops/s) from the throughput classes, p50/p99 from the latency
 * classes, CPU time per op ({@link CpuTimeProfiler}), ratios against the peers and the floor (on
 * wall-clock throughput / on throughput per CPU-second of the JVM), and whether the targets of
 * issue 5 (validation) and issue 3 (authorizer) are met on each basis.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar io.claimgate.benchmarks.Report results.json [more.json ...]</pre>
 */
public final class Report {
    /** Score of one benchmark method with one set of parameters. */
    private static final class Row {
        double opsPerSecond = Double.NaN;
        double opsError = Double.NaN;
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        String latencyUnit = "";
        double cpuWorker = Double.NaN;
        double cpuProcess = Double.NaN;

        /** Operations per second of CPU time of the whole JVM: insensitive to other load on the machine. */
        double opsPerCpuSecond() {
            return 1e6 / cpuProcess;
        }
    }

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Report <jmh-results.json>...");
            System.exit(2);
        }
        // group key (class family + params) -> method -> row
        Map<String, Map<String, Row>> groups = new TreeMap<>();
        ObjectMapper mapper = new ObjectMapper();
        for (String arg : args) {
            for (JsonNode result : mapper.readTree(new File(arg))) {
                String benchmark = result.get("benchmark").asText();
                String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                String owner = benchmark.substring(0, benchmark.lastIndexOf('.'));
                String family = owner.substring(owner.lastIndexOf('.') + 1).replace("Latency", "");
                Map<String, String> params = new TreeMap<>();
                result.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
                String key = family + " " + params;
                Row row = groups.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(method, m -> new Row());
                JsonNode metric = result.get("primaryMetric");
                switch (result.get("mode").asText()) {
                    case "thrpt" -> {
                        double scale = perSecond(metric.get("scoreUnit").asText());
                        row.opsPerSecond = metric.get("score").asDouble() * scale;
                        row.opsError = metric.get("scoreError").asDouble() * scale;
                        JsonNode secondary = result.path("secondaryMetrics");
                        row.cpuWorker = secondary.path("cpu.worker").path("score").asDouble(Double.NaN);
                        row.cpuProcess = secondary.path("cpu.process").path("score").asDouble(Double.NaN);
                    }
                    case "sample" -> {
                        row.p50 = metric.path("scorePercentiles").path("50.0").asDouble(Double.NaN);
                        row.p99 = metric.path("scorePercentiles").path("99.0").asDouble(Double.NaN);
                        row.latencyUnit = metric.get("scoreUnit").asText().replace("/op", "");
                    }
                    default -> {
                        // other modes are not part of the report
                    }
                }
            }
        }
        for (Map.Entry<String, Map<String, Row>> group : groups.entrySet()) {
            print(group.getKey(), group.getValue());
        }
    }

    private static void print(String title, Map<String, Row> rows) {
        boolean validation = title.startsWith("ValidationBenchmark");
        boolean authorizer = title.startsWith("AuthorizerBenchmark");
        Row standard = rows.get("standardAuthorizer");
        Row raw = rows.get("rawJca");
        Row kafka = rows.get("kafka");
        Row strimzi = rows.get("strimzi");
        System.out.println();
        System.out.println("#### " + title);
        System.out.println();
        List<String> header = new ArrayList<>(List.of("benchmark", "ops/s", "± (99.9%)", "p50", "p99",
                "CPU µs/op thread", "CPU µs/op JVM"));
        if (validation) {
            header.addAll(List.of("vs rawJca (wall / CPU)", "vs kafka (wall / CPU)", "vs strimzi (wall / CPU)"));
        }
        if (authorizer) {
            header.add("vs standardAuthorizer (wall / CPU)");
        }
        System.out.println("| " + String.join(" | ", header) + " |");
        System.out.println("|" + "---|".repeat(header.size()));
        for (Map.Entry<String, Row> entry : rows.entrySet()) {
            Row row = entry.getValue();
            List<String> cells = new ArrayList<>(List.of(entry.getKey(), number(row.opsPerSecond),
                    number(row.opsError), latency(row.p50, row.latencyUnit), latency(row.p99, row.latencyUnit),
                    micros(row.cpuWorker), micros(row.cpuProcess)));
            if (validation) {
                cells.add(ratio(row, raw));
                cells.add(ratio(row, kafka));
                cells.add(ratio(row, strimzi));
            }
            if (authorizer) {
                cells.add(ratio(row, standard));
            }
            System.out.println("| " + String.join(" | ", cells) + " |");
        }
        if (authorizer && standard != null) {
            System.out.println();
            for (Map.Entry<String, Row> entry : rows.entrySet()) {
                if (entry.getKey().endsWith("Cold")) {
                    target(entry.getKey() + " >= 1x standardAuthorizer", entry.getValue(), standard, 1.0);
                } else if (entry.getKey().endsWith("Cached")) {
                    target(entry.getKey() + " >= 5x standardAuthorizer", entry.getValue(), standard, 5.0);
                }
            }
        }
        Row claimgate = rows.get("claimgate");
        if (validation && claimgate != null) {
            System.out.println();
            if (title.contains("tokens=firstSeen")) {
                target("claimgate >= 0.9x rawJca", claimgate, raw, 0.9);
                if (title.contains("alg=ES256") && rows.containsKey("rawBouncyCastle")) {
                    target("claimgate >= 0.9x rawBouncyCastle (its own ECDSA's floor)", claimgate,
                            rows.get("rawBouncyCastle"), 0.9);
                }
                target("claimgate >= 1.1x kafka", claimgate, kafka, 1.1);
                target("claimgate >= 1.1x strimzi", claimgate, strimzi, 1.1);
            } else if (title.contains("tokens=repeated")) {
                target("claimgate >= 50x kafka", claimgate, kafka, 50);
                target("claimgate >= 50x strimzi", claimgate, strimzi, 50);
            }
        }
    }

    /** A target on both bases: wall-clock throughput, and throughput per CPU-second of the JVM. */
    private static void target(String name, Row row, Row other, double factor) {
        if (other == null || Double.isNaN(row.opsPerSecond) || Double.isNaN(other.opsPerSecond)) {
            System.out.println("- target " + name + ": not measured in these results");
            return;
        }
        double wall = row.opsPerSecond / other.opsPerSecond;
        double cpu = row.opsPerCpuSecond() / other.opsPerCpuSecond();
        System.out.printf(Locale.ROOT, "- target %s: wall-clock %.2fx -> %s; per CPU-second %s%n", name, wall,
                wall >= factor ? "MET" : "MISSED",
                Double.isNaN(cpu) ? "n/a" : String.format(Locale.ROOT, "%.2fx -> %s", cpu, cpu >= factor ? "MET" : "MISSED"));
    }

    private static double perSecond(String unit) {
        return switch (unit) {
            case "ops/s" -> 1;
            case "ops/ms" -> 1e3;
            case "ops/us" -> 1e6;
            case "ops/ns" -> 1e9;
            case "ops/min" -> 1.0 / 60;
            default -> throw new IllegalArgumentException("unknown throughput unit " + unit);
        };
    }

    /** "wall-clock ratio / CPU ratio" */
    private static String ratio(Row row, Row other) {
        if (other == null || Double.isNaN(row.opsPerSecond) || Double.isNaN(other.opsPerSecond)) {
            return "";
        }
        String wall = String.format(Locale.ROOT, "%.2fx", row.opsPerSecond / other.opsPerSecond);
        double cpu = row.opsPerCpuSecond() / other.opsPerCpuSecond();
        return Double.isNaN(cpu) ? wall : wall + String.format(Locale.ROOT, " / %.2fx", cpu);
    }

    private static String micros(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, value < 10 ? "%.3f" : "%,.1f", value);
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%,.0f", value);
    }

    private static String latency(double value, String unit) {
        if (Double.isNaN(value)) {
            return "";
        }
        return String.format(Locale.ROOT, value < 10 ? "%.2f %s" : "%,.1f %s", value, unit);
    }
}
