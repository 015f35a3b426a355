package io.claimgate.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compares two builds of claimgate on the same JMH benchmarks, measured as pairs: the JSON files
 * {@code base-<round>.json} and {@code candidate-<round>.json} that {@code benchmarks/compare-builds.sh}
 * writes, one fork of each build per round, alternating which build goes first. A round's ratio
 * (candidate / base) compares two forks that ran minutes apart at most, so a machine whose speed
 * drifts over the run moves both; the median over rounds, with its range, is the answer. Two bases:
 * wall-clock operations per second, and operations per CPU-second of the whole benchmark JVM
 * ({@link CpuTimeProfiler}'s {@code cpu.process}), which other load on the machine barely moves.
 *
 * <pre>java -cp benchmarks.jar io.claimgate.benchmarks.CompareBuilds &lt;dir&gt;</pre>
 */
public final class CompareBuilds {
    private CompareBuilds() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: CompareBuilds <directory with base-N.json and candidate-N.json>");
            System.exit(2);
        }
        File dir = new File(args[0]);
        // benchmark key -> [wall ratios, cpu ratios]
        Map<String, List<double[]>> ratios = new TreeMap<>();
        for (int round = 1; new File(dir, "base-" + round + ".json").exists(); round++) {
            File candidateFile = new File(dir, "candidate-" + round + ".json");
            if (!candidateFile.exists()) {
                break;
            }
            Map<String, double[]> base = scores(new File(dir, "base-" + round + ".json"));
            Map<String, double[]> candidate = scores(candidateFile);
            for (Map.Entry<String, double[]> entry : base.entrySet()) {
                double[] other = candidate.get(entry.getKey());
                if (other != null) {
                    double wall = other[0] / entry.getValue()[0];
                    double cpu = entry.getValue()[1] / other[1]; // per-op CPU time: lower is faster
                    ratios.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(new double[] {wall, cpu});
                }
            }
        }
        System.out.println("| benchmark | rounds | candidate / base, ops/s (median, min-max) | candidate / base, ops per CPU-second |");
        System.out.println("|---|---|---|---|");
        for (Map.Entry<String, List<double[]>> entry : ratios.entrySet()) {
            List<double[]> rounds = entry.getValue();
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s |%n", entry.getKey(), rounds.size(),
                    summary(rounds, 0), summary(rounds, 1));
        }
    }

    /** Benchmark key (method and parameters) to {ops/s, CPU µs per op of the JVM}. */
    private static Map<String, double[]> scores(File file) throws IOException {
        Map<String, double[]> scores = new TreeMap<>();
        for (JsonNode result : new ObjectMapper().readTree(file)) {
            if (!"thrpt".equals(result.get("mode").asText())) {
                continue;
            }
            String benchmark = result.get("benchmark").asText();
            String name = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            Map<String, String> params = new TreeMap<>();
            result.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
            JsonNode metric = result.get("primaryMetric");
            double cpu = result.path("secondaryMetrics").path("cpu.process").path("score").asDouble(Double.NaN);
            scores.put(name + " " + params, new double[] {metric.get("score").asDouble(), cpu});
        }
        return scores;
    }

    private static String summary(List<double[]> rounds, int index) {
        double[] values = rounds.stream().mapToDouble(r -> r[index]).sorted().toArray();
        if (Arrays.stream(values).anyMatch(Double::isNaN)) {
            return "n/a";
        }
        double median = values.length % 2 == 1 ? values[values.length / 2]
                : (values[values.length / 2 - 1] + values[values.length / 2]) / 2;
        return String.format(Locale.ROOT, "%.3fx (%.3f-%.3f)", median, values[0], values[values.length - 1]);
    }
}
