package io.claimgate.benchmarks;

import io.claimgate.it.SaslSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link AuthStorm} with {@code --scenario=reauth --broker=shared}: {@link ReauthStorm}'s phases with
 * the validators side by side on one broker, as {@link SharedBrokerStorm} does for new connections.
 * One fresh broker per validator made the re-authentication ratios hostage to the machine (the
 * floor's own cost moved from 338 to 182 µs per re-authentication between two brokers of one run).
 *
 * <p>Every round starts one broker with a listener per validator, each with
 * {@code connections.max.reauth.ms}; per algorithm, every phase ({@code open}, {@code reauth-warmup},
 * {@code reauth}, {@code reauth-new-token}) is cut into blocks of {@code --block} connections, and
 * block by block every validator re-authenticates its slice of its own open connections on its own
 * listener, in an order rotated per block. Each connection re-authenticates once per phase, and a
 * phase starts more than a second after the previous one ended (the broker refuses a second
 * re-authentication of a connection within a second). {@link StormPairs} turns the blocks into
 * claimgate's ratios. Per listener, {@link ReauthStorm.ExpiryCheck} proves that a connection which
 * does not re-authenticate is closed.
 */
final class SharedReauthStorm {
    private static final long BLOCK_PAUSE_MILLIS = 200;
    private static final long PHASE_PAUSE_MILLIS = 1100;

    private SharedReauthStorm() {
    }

    /** All rounds; false when any authentication was refused (the round's later phases are then skipped). */
    static boolean run(StormResults results, Map<String, AuthStorm.TokenSet> tokens, String jwksUrl,
                       AuthStormOptions options) throws Exception {
        return SharedBrokerStorm.rounds(results, jwksUrl, options, (round, validators, broker) -> {
            boolean clean = true;
            Map<StormValidator, ReauthStorm.ExpiryCheck> expiry = new LinkedHashMap<>();
            try {
                for (StormValidator validator : validators) {
                    String token = SharedBrokerStorm.set(validator, options.algorithms().get(0), tokens).warmup().get(0);
                    expiry.put(validator, ReauthStorm.ExpiryCheck.start(broker.listener(validator).hostPort(), token,
                            options.reauthMillis()));
                }
                for (String alg : options.algorithms()) {
                    clean &= measure(results, round, validators, alg, tokens, broker, options);
                }
                for (Map.Entry<StormValidator, ReauthStorm.ExpiryCheck> check : expiry.entrySet()) {
                    results.check("round " + round + " " + check.getKey().label() + ": " + check.getValue().verify());
                }
            } finally {
                for (ReauthStorm.ExpiryCheck check : expiry.values()) {
                    check.close();
                }
            }
            return clean;
        });
    }

    private static boolean measure(StormResults results, int round, List<StormValidator> validators, String alg,
                                   Map<String, AuthStorm.TokenSet> tokens, StormBroker broker,
                                   AuthStormOptions options) throws Exception {
        SharedBrokerStorm.requireRefusals(validators, alg, tokens, broker);
        int n = options.connections();
        Map<StormValidator, SaslSession[]> sessions = new LinkedHashMap<>();
        validators.forEach(validator -> sessions.put(validator, new SaslSession[n]));
        try {
            for (String phase : ReauthStorm.PHASES) {
                Thread.sleep(PHASE_PAUSE_MILLIS);
                List<StormResults.Row> blocks = new ArrayList<>();
                for (int block = 0; block * options.block() < n; block++) {
                    int from = block * options.block();
                    int count = Math.min(n, from + options.block()) - from;
                    for (StormValidator validator : CommandLine.rotated(validators, block)) {
                        Thread.sleep(BLOCK_PAUSE_MILLIS);
                        AuthStorm.TokenSet set = SharedBrokerStorm.set(validator, alg, tokens);
                        StormBroker.Listener listener = broker.listener(validator);
                        ConnectionStorm.Attempt attempt = ReauthStorm.attempt(phase, sessions.get(validator),
                                set.warmup(), set.measured(), listener.hostPort(), options.reauthMillis(), from);
                        StormResults.Row row = new StormResults.Row(round, validator, alg, phase, block + 1, count,
                                options.threads(), ConnectionStorm.runEach(broker, listener, count, options.threads(), attempt));
                        results.add(row);
                        blocks.add(row);
                        if (row.result().refused() > 0) {
                            System.err.println("AuthStorm: " + validator.label() + " " + alg + " " + phase + " block "
                                    + row.block() + ": " + row.result().refused() + " refused, first: "
                                    + row.result().firstRefusal() + "\n" + broker.logTail());
                            return false;   // a refused re-authentication closed its connection: later phases would fail
                        }
                    }
                }
                List<StormPairs.Pair> pairs = StormPairs.of(blocks);
                pairs.forEach(pair -> System.err.println("AuthStorm: " + pair.summary()));
                results.addPairs(pairs);
            }
            return true;
        } finally {
            for (SaslSession[] open : sessions.values()) {
                for (SaslSession session : open) {
                    if (session != null) {
                        session.close();
                    }
                }
            }
        }
    }
}
