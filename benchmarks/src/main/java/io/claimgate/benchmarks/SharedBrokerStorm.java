package io.claimgate.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link AuthStorm} with {@code --broker=shared}: the validators measured as pairs on one broker
 * instead of one fresh broker each. A small machine's CPU speed and a young broker's JIT state change
 * from one broker to the next (on the 2-vCPU machine of docs/BENCHMARKS.md the floor's own cost moved
 * between 275 and 610 µs of broker CPU per authentication), which swamps differences of a few
 * percent. Here every round starts one broker with a listener per validator
 * ({@link StormBroker#startShared}), and per algorithm:
 * <ol>
 *   <li>each listener must refuse its wrong-audience (floor: expired) token;</li>
 *   <li>{@code warmup}: each validator's warm-up tokens on its listener, one storm per validator;</li>
 *   <li>{@code first-seen}, then {@code reconnect}: the measured tokens cut into blocks of
 *       {@code --block} connections; block by block, every validator presents its slice on its own
 *       listener, in an order rotated per block, so neighbouring blocks see the same broker in the
 *       same state. {@link StormPairs} turns the blocks into claimgate's ratios.</li>
 * </ol>
 * Each listener has its own handler instance, so a token presented to one validator is first-seen
 * for every other (all validators present the same signed tokens; the floor unsigned ones padded to
 * the same length, {@link UnsignedTokens#matching}). The floor's rows carry the algorithm of the
 * blocks they alternate with.
 */
final class SharedBrokerStorm {
    /** Lets the broker close the previous block's connections before the next block is measured. */
    private static final long BLOCK_PAUSE_MILLIS = 200;
    private static final long PHASE_PAUSE_MILLIS = 1000;
    /** Warm-up blocks are this many times {@code --block} long: a warm-up of 60 000 connections needs no 240 blocks. */
    private static final int WARMUP_BLOCKS_PER_BLOCK = 4;

    private SharedBrokerStorm() {
    }

    /** What one round does on its shared broker; false when any connection was refused. */
    interface Round {
        boolean run(int round, List<StormValidator> validators, StormBroker broker) throws Exception;
    }

    /** All rounds; false when any connection was refused. */
    static boolean run(StormResults results, Map<String, AuthStorm.TokenSet> tokens, String jwksUrl,
                       AuthStormOptions options) throws Exception {
        return rounds(results, jwksUrl, options, (round, validators, broker) -> {
            boolean clean = true;
            for (String alg : options.algorithms()) {
                clean &= measure(results, round, validators, alg, tokens, broker, options);
            }
            return clean;
        });
    }

    /** Every round on a fresh shared broker ({@link StormBroker#startShared}), the results written after each. */
    static boolean rounds(StormResults results, String jwksUrl, AuthStormOptions options, Round body) throws Exception {
        boolean clean = true;
        for (int round = 1; round <= options.rounds(); round++) {
            List<StormValidator> validators = options.validatorsOfRound(round - 1);
            try (StormBroker broker = StormBroker.startShared(validators, jwksUrl, options)) {
                results.cpuSource(broker.cpuSource());
                System.err.println("AuthStorm: round " + round + ", shared broker for " + validators
                        + ": broker files in " + broker.directory().toAbsolutePath());
                clean &= body.run(round, validators, broker);
            }
            results.write();
        }
        return clean;
    }

    private static boolean measure(StormResults results, int round, List<StormValidator> validators, String alg,
                                   Map<String, AuthStorm.TokenSet> tokens, StormBroker broker,
                                   AuthStormOptions options) throws Exception {
        requireRefusals(validators, alg, tokens, broker);
        boolean clean = true;
        // The warm-up alternates between the listeners as the measured phases do. One validator at a time,
        // the JIT compiled Kafka's shared SASL path for that validator's handler alone, deoptimised it at
        // the next one's first connection, and was still recompiling it in the measured phases (half the
        // broker's CPU in the first-seen phase, 2026-12-07).
        int warmupBlock = options.block() * WARMUP_BLOCKS_PER_BLOCK;
        int warmups = set(validators.get(0), alg, tokens).warmup().size();
        for (int block = 0; block * warmupBlock < warmups; block++) {
            int from = block * warmupBlock;
            int to = Math.min(warmups, from + warmupBlock);
            for (StormValidator validator : CommandLine.rotated(validators, block)) {
                List<String> slice = set(validator, alg, tokens).warmup().subList(from, to);
                clean &= record(results, broker, new StormResults.Row(round, validator, alg, "warmup", block + 1,
                        slice.size(), options.threads(), ConnectionStorm.run(broker, broker.listener(validator), slice,
                        options.threads())));
            }
        }
        for (String phase : List.of("first-seen", "reconnect")) {
            Thread.sleep(PHASE_PAUSE_MILLIS);
            // A mark in the log for whoever attaches a profiler to the broker for the measured phases only.
            System.err.println("AuthStorm: round " + round + " " + alg + " " + phase + " starts at " + java.time.Instant.now());
            // The cache's counters are read over JMX once per phase, not around every block: each read
            // costs the broker RMI and serialisation work (and JIT compiles of it), which would land in
            // claimgate's blocks only.
            long[] lookupsBefore = broker.claimgateCacheLookups();
            ProcessCpu.Mark phaseStart = broker.cpuMark();
            List<StormResults.Row> blocks = new ArrayList<>();
            int n = options.connections();
            for (int block = 0; block * options.block() < n; block++) {
                int from = block * options.block();
                int to = Math.min(n, from + options.block());
                for (StormValidator validator : CommandLine.rotated(validators, block)) {
                    Thread.sleep(BLOCK_PAUSE_MILLIS);
                    List<String> slice = set(validator, alg, tokens).measured().subList(from, to);
                    StormResults.Row row = new StormResults.Row(round, validator, alg, phase, block + 1, slice.size(),
                            options.threads(), ConnectionStorm.run(broker, broker.listener(validator), slice,
                            options.threads()));
                    clean &= record(results, broker, row);
                    blocks.add(row);
                }
            }
            results.check(JitCompilers.during(round, alg, phase, broker.jitCpuSince(phaseStart), broker.cpuSince(phaseStart)));
            long[] lookupsAfter = broker.claimgateCacheLookups();
            long hits = lookupsAfter[0] - lookupsBefore[0];
            results.check(String.format("round %d %s %s: claimgate's token cache answered %d of %d lookups",
                    round, alg, phase, hits, hits + lookupsAfter[1] - lookupsBefore[1]));
            List<StormPairs.Pair> pairs = StormPairs.of(blocks);
            pairs.forEach(pair -> System.err.println("AuthStorm: " + pair.summary()));
            results.addPairs(pairs);
        }
        return clean;
    }

    /** Every listener must refuse its validator's wrong token before anything is measured on it. */
    static void requireRefusals(List<StormValidator> validators, String alg, Map<String, AuthStorm.TokenSet> tokens,
                                StormBroker broker) throws java.io.IOException {
        for (StormValidator validator : validators) {
            AuthStorm.requireRefusal(validator, alg, set(validator, alg, tokens), broker.listener(validator).hostPort());
        }
    }

    /** {@code validator}'s tokens for {@code alg}: the floor's are unsigned, padded to that algorithm's length. */
    static AuthStorm.TokenSet set(StormValidator validator, String alg, Map<String, AuthStorm.TokenSet> tokens) {
        return tokens.get(validator.signed() ? alg : AuthStorm.floorOf(alg));
    }

    private static boolean record(StormResults results, StormBroker broker, StormResults.Row row) {
        results.add(row);
        if (row.result().refused() == 0) {
            return true;
        }
        System.err.println("AuthStorm: " + row.validator().label() + " " + row.alg() + " " + row.phase() + " block "
                + row.block() + ": " + row.result().refused() + " refused, first: " + row.result().firstRefusal()
                + "\n" + broker.logTail());
        return false;
    }
}
