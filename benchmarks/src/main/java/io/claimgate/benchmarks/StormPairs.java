package io.claimgate.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * claimgate against each other validator, from the blocks of one phase on a shared broker
 * ({@link SharedBrokerStorm}). Blocks are paired by number: block {@code b} of claimgate and block
 * {@code b} of the other ran next to each other. Every ratio is "claimgate against the other", so
 * above 1 favours claimgate: connections per second, claimgate's over the other's; CPU per
 * authentication, the other's over claimgate's, for the whole broker and for the listener's own
 * threads ({@link BrokerThreads}). Pooled ratios sum all blocks before dividing; the median and
 * range are over the per-block ratios. Against the floor, issue 18's target is carried along.
 */
final class StormPairs {
    private static final String CSV_HEADER = "round,alg,phase,other,blocks,"
            + "rate_pooled,rate_median,rate_min,rate_max,"
            + "broker_cpu_pooled,broker_cpu_median,broker_cpu_min,broker_cpu_max,"
            + "listener_cpu_pooled,listener_cpu_median,listener_cpu_min,listener_cpu_max,"
            + "claimgate_broker_cpu_us,other_broker_cpu_us,claimgate_listener_cpu_us,other_listener_cpu_us,target";

    /** One ratio: pooled over all blocks, and per block. */
    record Ratio(double pooled, double[] perBlock) {
        double median() {
            return FreshJvmResults.median(perBlock);
        }

        double min() {
            return Arrays.stream(perBlock).min().orElse(Double.NaN);
        }

        double max() {
            return Arrays.stream(perBlock).max().orElse(Double.NaN);
        }

        String summary() {
            return String.format(Locale.ROOT, "%.3fx (blocks: median %.3f, %.3f-%.3f)", pooled, median(), min(), max());
        }

        String csv() {
            return String.join(",", f(pooled), f(median()), f(min()), f(max()));
        }

        String json(String name) {
            return "\"" + name + "_pooled\": " + jf(pooled) + ", \"" + name + "_median\": " + jf(median()) + ", \""
                    + name + "_min\": " + jf(min()) + ", \"" + name + "_max\": " + jf(max());
        }
    }

    /** One validator's pooled CPU per authentication, µs: the whole broker, and its listener's threads. */
    record Costs(double brokerMicros, double listenerMicros) {
    }

    /** @param target issue 18's minimum for {@code rate} against the floor, else NaN */
    record Pair(int round, String alg, String phase, StormValidator other, int blocks, Ratio rate, Ratio brokerCpu,
                Ratio listenerCpu, Costs claimgate, Costs others, double target) {

        String summary() {
            String line = String.format(Locale.ROOT,
                    "round %d %s %s, claimgate against %s, %d blocks: connections/s %s; broker CPU per authentication"
                            + " %s, %.1f µs against %.1f; listener threads' CPU %s, %.1f µs against %.1f",
                    round, alg, phase, other.label(), blocks, rate.summary(), brokerCpu.summary(),
                    claimgate.brokerMicros(), others.brokerMicros(), listenerCpu.summary(), claimgate.listenerMicros(),
                    others.listenerMicros());
            if (Double.isNaN(target)) {
                return line;
            }
            return line + String.format(Locale.ROOT, "; target %.2fx by rate: %s", target,
                    rate.pooled() >= target ? "met" : "not met");
        }

        String csv() {
            return String.join(",", String.valueOf(round), alg, phase, other.label(), String.valueOf(blocks),
                    rate.csv(), brokerCpu.csv(), listenerCpu.csv(), f1(claimgate.brokerMicros()),
                    f1(others.brokerMicros()), f1(claimgate.listenerMicros()), f1(others.listenerMicros()),
                    Double.isNaN(target) ? "" : f(target));
        }

        String json() {
            return "{\"round\": " + round + ", \"alg\": " + StormResults.quote(alg) + ", \"phase\": "
                    + StormResults.quote(phase) + ", \"other\": " + StormResults.quote(other.label())
                    + ", \"blocks\": " + blocks + ", " + rate.json("rate") + ", " + brokerCpu.json("broker_cpu")
                    + ", " + listenerCpu.json("listener_cpu")
                    + ", \"claimgate_broker_cpu_us\": " + jf1(claimgate.brokerMicros())
                    + ", \"other_broker_cpu_us\": " + jf1(others.brokerMicros())
                    + ", \"claimgate_listener_cpu_us\": " + jf1(claimgate.listenerMicros())
                    + ", \"other_listener_cpu_us\": " + jf1(others.listenerMicros())
                    + (Double.isNaN(target) ? "" : ", \"target\": " + jf(target)) + "}";
        }
    }

    private StormPairs() {
    }

    /** The pairs of one round, algorithm and phase: {@code blocks} holds every validator's blocks of it. */
    static List<Pair> of(List<StormResults.Row> blocks) {
        Map<StormValidator, Map<Integer, ConnectionStorm.Result>> byValidator = new TreeMap<>();
        for (StormResults.Row row : blocks) {
            byValidator.computeIfAbsent(row.validator(), v -> new TreeMap<>()).put(row.block(), row.result());
        }
        Map<Integer, ConnectionStorm.Result> claimgate = byValidator.get(StormValidator.CLAIMGATE);
        List<Pair> pairs = new ArrayList<>();
        if (claimgate == null) {
            return pairs;
        }
        StormResults.Row first = blocks.get(0);
        byValidator.forEach((other, results) -> {
            if (other != StormValidator.CLAIMGATE) {
                pairs.add(pair(first, other, claimgate, results));
            }
        });
        return pairs;
    }

    private static Pair pair(StormResults.Row first, StormValidator other, Map<Integer, ConnectionStorm.Result> claimgate,
                             Map<Integer, ConnectionStorm.Result> others) {
        List<ConnectionStorm.Result> ours = new ArrayList<>();
        List<ConnectionStorm.Result> theirs = new ArrayList<>();
        claimgate.forEach((block, result) -> {
            if (others.containsKey(block)) {
                ours.add(result);
                theirs.add(others.get(block));
            }
        });
        Ratio rate = ratio(ours, theirs, ConnectionStorm.Result::connectionsPerSecond, StormPairs::pooledRate, false);
        Ratio broker = ratio(ours, theirs, ConnectionStorm.Result::brokerCpuMicrosPerAuthentication,
                results -> pooledMicros(results, r -> r.brokerCpu().toNanos()), true);
        Ratio listener = ratio(ours, theirs, ConnectionStorm.Result::listenerCpuMicrosPerAuthentication,
                results -> pooledMicros(results, r -> r.listenerCpu().toNanos()), true);
        return new Pair(first.round(), first.alg(), first.phase(), other, ours.size(), rate, broker, listener,
                costs(ours), costs(theirs), other == StormValidator.FLOOR ? target(first.alg(), first.phase()) : Double.NaN);
    }

    /** {@code inverse}: a cost, where claimgate's ratio is the other's value over claimgate's. */
    private static Ratio ratio(List<ConnectionStorm.Result> ours, List<ConnectionStorm.Result> theirs,
                               ToDoubleFunction<ConnectionStorm.Result> perBlock,
                               ToDoubleFunction<List<ConnectionStorm.Result>> pooled, boolean inverse) {
        double[] blocks = new double[ours.size()];
        for (int i = 0; i < blocks.length; i++) {
            double a = perBlock.applyAsDouble(ours.get(i));
            double b = perBlock.applyAsDouble(theirs.get(i));
            blocks[i] = inverse ? b / a : a / b;
        }
        double a = pooled.applyAsDouble(ours);
        double b = pooled.applyAsDouble(theirs);
        return new Ratio(inverse ? b / a : a / b, blocks);
    }

    private static Costs costs(List<ConnectionStorm.Result> results) {
        return new Costs(pooledMicros(results, r -> r.brokerCpu().toNanos()),
                pooledMicros(results, r -> r.listenerCpu().toNanos()));
    }

    private static double pooledRate(List<ConnectionStorm.Result> results) {
        long accepted = results.stream().mapToLong(ConnectionStorm.Result::accepted).sum();
        long wall = results.stream().mapToLong(r -> r.wall().toNanos()).sum();
        return accepted / (wall / 1e9);
    }

    /** NaN when any block's value is unknown (negative: listener threads not found). */
    private static double pooledMicros(List<ConnectionStorm.Result> results, ToDoubleFunction<ConnectionStorm.Result> nanos) {
        double total = 0;
        long accepted = 0;
        for (ConnectionStorm.Result result : results) {
            double value = nanos.applyAsDouble(result);
            if (value < 0) {
                return Double.NaN;
            }
            total += value;
            accepted += result.accepted();
        }
        return total / 1e3 / Math.max(1, accepted);
    }

    /**
     * Issue 18's targets against the floor: RS256 first-seen 0.95x, a reconnect (token seen before)
     * 0.98x, ES256 first-seen 0.8x.
     */
    static double target(String alg, String phase) {
        if (phase.equals("reconnect")) {
            return 0.98;
        }
        if (!phase.equals("first-seen")) {
            return Double.NaN;   // the re-authentication storm's phases: no target
        }
        return switch (alg) {
            case "RS256" -> 0.95;
            case "ES256" -> 0.8;
            default -> Double.NaN;
        };
    }

    static String csv(List<Pair> pairs) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        pairs.forEach(pair -> out.append(pair.csv()).append('\n'));
        return out.toString();
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** JSON has no NaN: an unknown value is null. */
    private static String jf(double value) {
        return Double.isNaN(value) ? "null" : f(value);
    }

    private static String jf1(double value) {
        return Double.isNaN(value) ? "null" : f1(value);
    }

    private static String f1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
