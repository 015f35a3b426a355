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
        for (StormValidator validator : validators) {
            AuthStorm.requireRefusal(validator, alg, set(validator, alg, tokens), broker.listener(validator).hostPort());
        }
        boolean clean = true;
        for (StormValidator validator : validators) {
            Thread.sleep(PHASE_PAUSE_MILLIS);
            List<String> warmup = set(validator, alg, tokens).warmup();
            clean &= record(results, broker, new StormResults.Row(round, validator, alg, "warmup", 0, warmup.size(),
                    options.threads(), ConnectionStorm.run(broker, broker.listener(validator), warmup, options.threads())));
        }
        for (String phase : List.of("first-seen", "reconnect")) {
            Thread.sleep(PHASE_PAUSE_MILLIS);
            List<StormResults.Row> blocks = new ArrayList<>();
            long hits = 0;
            long misses = 0;
            int n = options.connections();
            for (int block = 0; block * options.block() < n; block++) {
                int from = block * options.block();
                int to = Math.min(n, from + options.block());
                for (StormValidator validator : CommandLine.rotated(validators, block)) {
                    Thread.sleep(BLOCK_PAUSE_MILLIS);
                    List<String> slice = set(validator, alg, tokens).measured().subList(from, to);
                    long[] lookupsBefore = validator == StormValidator.CLAIMGATE ? broker.claimgateCacheLookups() : null;
                    StormResults.Row row = new StormResults.Row(round, validator, alg, phase, block + 1, slice.size(),
                            options.threads(), ConnectionStorm.run(broker, broker.listener(validator), slice,
                            options.threads()));
                    clean &= record(results, broker, row);
                    blocks.add(row);
                    if (lookupsBefore != null) {
                        long[] after = broker.claimgateCacheLookups();
                        hits += after[0] - lookupsBefore[0];
                        misses += after[1] - lookupsBefore[1];
                    }
                }
            }
            results.check(String.format("round %d %s %s: claimgate's token cache answered %d of %d lookups",
                    round, alg, phase, hits, hits + misses));
            List<StormPairs.Pair> pairs = StormPairs.of(blocks);
            pairs.forEach(pair -> System.err.println("AuthStorm: " + pair.summary()));
            results.addPairs(pairs);
        }
        return clean;
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
