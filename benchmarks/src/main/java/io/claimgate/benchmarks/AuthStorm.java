package io.claimgate.benchmarks;

import com.nimbusds.jose.jwk.JWKSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Issue 18's authentication storm on a real broker: for each validator in turn ({@link StormValidator}:
 * the floor, claimgate, Kafka's built-in, Strimzi's), a fresh single-node KRaft broker built from the
 * same jars, then per algorithm (RS256, ES256; unsigned tokens for the floor):
 * <ol>
 *   <li>a wrong-audience token (for the floor an expired one) must be refused: the checks run;</li>
 *   <li>{@code warmup}: {@code connections} new SASL connections, each with a distinct token;</li>
 *   <li>{@code first-seen}: as many again, with other distinct tokens (the storm);</li>
 *   <li>{@code reconnect}: the same tokens as {@code first-seen}, again (the reconnect storm).</li>
 * </ol>
 * Each connection is a raw SaslHandshake + SaslAuthenticate on a new socket; {@code threads} client
 * threads. Reported per phase: connections authenticated per second (wall time from the first
 * connection to the last answer) and the broker JVM's CPU time per authentication (its process CPU
 * time, all threads, across the phase). Tokens are signed before anything is measured. Not JMH, and
 * not part of any build: run it by hand (docs/BENCHMARKS.md).
 *
 * <p>{@code --scenario=reauth} measures KIP-368 re-authentication on held-open connections instead of
 * the three steps above ({@link ReauthStorm}), with the same validators, tokens and checks, and proves
 * per broker that a connection which does not re-authenticate is closed ({@link ReauthStorm.ExpiryCheck}).
 *
 * <p>{@code --broker=shared} runs the validators side by side instead, on one broker per round with a
 * listener each, in alternating blocks ({@link SharedBrokerStorm}): the comparison a noisy machine
 * does not distort, with claimgate's ratios per block ({@link StormPairs}).
 *
 * <p>Usage: {@value AuthStormOptions#USAGE}
 */
public final class AuthStorm {
    /** Lets the broker finish closing one phase's connections before the next phase measures. */
    private static final long PAUSE_MILLIS = 1000;
    static final String NONE = "none";

    private AuthStorm() {
    }

    /**
     * One algorithm's tokens: the warm-up set, the measured set, and one every validator must refuse.
     * {@code measured.get(i)} is a token of the same client as {@code warmup.get(i)} (the pool's
     * clients repeat every {@value #CLIENTS} tokens), as a re-authentication with a refreshed token needs.
     */
    record TokenSet(List<String> warmup, List<String> measured, String refused) {
        /** {@code pool}: warm-up tokens from 0, measured ones from {@code measuredFrom} (a multiple of {@value #CLIENTS}). */
        static TokenSet of(List<String> pool, int warmup, int measuredFrom, int measured, String refused) {
            return new TokenSet(pool.subList(0, warmup), pool.subList(measuredFrom, measuredFrom + measured), refused);
        }
    }

    /** Distinct clients ({@code sub}) in {@link TokenPool#claims} and {@link UnsignedTokens}. */
    private static final int CLIENTS = 100;

    public static void main(String[] args) throws Exception {
        AuthStormOptions options = AuthStormOptions.parse(args);
        if (!options.clientCpus().isEmpty()) {
            CpuPinning.pinSelf(options.clientCpus());
        }
        JWKSet keys = TokenPool.keys();
        Map<String, TokenSet> tokens = new LinkedHashMap<>();
        int n = options.connections();
        int w = options.warmupConnections();
        int measuredFrom = roundUpToClients(w);
        int poolSize = measuredFrom + roundUpToClients(n);
        for (String alg : options.algorithms()) {
            List<String> pool = TokenPool.tokens(keys, alg, poolSize);
            tokens.put(alg, TokenSet.of(pool, w, measuredFrom, n,
                    TokenPool.variant(keys, alg, TokenPool.ISSUER, "another-audience")));
            // the shared broker's floor for this algorithm: unsigned tokens as long as its signed ones
            tokens.put(floorOf(alg), TokenSet.of(UnsignedTokens.matching(pool), w, measuredFrom, n,
                    UnsignedTokens.expired()));
        }
        tokens.put(NONE, TokenSet.of(UnsignedTokens.tokens(poolSize), w, measuredFrom, n, UnsignedTokens.expired()));

        StormResults results = new StormResults(options);
        boolean clean = true;
        StormResults.printHeader();
        try (JwksServer jwks = new JwksServer(keys)) {
            if (options.layout() == AuthStormOptions.Layout.SHARED) {
                clean = options.scenario() == AuthStormOptions.Scenario.REAUTH
                        ? SharedReauthStorm.run(results, tokens, jwks.url(), options)
                        : SharedBrokerStorm.run(results, tokens, jwks.url(), options);
            }
            for (int round = 1; round <= options.rounds() && options.layout() == AuthStormOptions.Layout.PER_VALIDATOR;
                 round++) {
                for (StormValidator validator : options.validatorsOfRound(round - 1)) {
                    List<String> algorithms = validator.signed() ? options.algorithms() : List.of(NONE);
                    try (StormBroker broker = StormBroker.start(validator, jwks.url(), options)) {
                        results.cpuSource(broker.cpuSource());
                        System.err.println("AuthStorm: round " + round + ", " + validator.label() + ": broker files in "
                                + broker.directory().toAbsolutePath());
                        if (options.scenario() == AuthStormOptions.Scenario.REAUTH) {
                            clean &= reauth(results, round, validator, algorithms, tokens, broker, options);
                        } else {
                            for (String alg : algorithms) {
                                clean &= measure(results, round, validator, alg, tokens.get(alg), broker, options.threads());
                            }
                        }
                    }
                    results.write();
                }
            }
        }
        System.out.println("results in " + results.directory().toAbsolutePath());
        if (!clean) {
            System.err.println("AuthStorm: some connections were refused; those rows are not measurements");
            System.exit(1);
        }
    }

    /** The key of the floor's tokens for {@code alg} in the token sets (unsigned, padded to its length). */
    static String floorOf(String alg) {
        return NONE + "-" + alg;
    }

    private static int roundUpToClients(int tokens) {
        return (tokens + CLIENTS - 1) / CLIENTS * CLIENTS;
    }

    /**
     * The re-authentication storm on one broker: per algorithm the refusal check and {@link ReauthStorm}'s
     * phases, then the proof that a connection which does not re-authenticate is closed.
     */
    private static boolean reauth(StormResults results, int round, StormValidator validator, List<String> algorithms,
                                  Map<String, TokenSet> tokens, StormBroker broker, AuthStormOptions options)
            throws Exception {
        boolean clean = true;
        try (ReauthStorm.ExpiryCheck expiry = ReauthStorm.ExpiryCheck.start(broker,
                tokens.get(algorithms.get(0)).warmup().get(0), options.reauthMillis())) {
            for (String alg : algorithms) {
                TokenSet set = tokens.get(alg);
                requireRefusal(validator, alg, set, broker);
                clean &= ReauthStorm.measure(results, round, validator, alg, set.warmup(), set.measured(), broker, options);
            }
            results.check(validator.label() + ": " + expiry.verify());
        }
        return clean;
    }

    private static void requireRefusal(StormValidator validator, String alg, TokenSet set, StormBroker broker)
            throws java.io.IOException {
        requireRefusal(validator, alg, set, broker.hostPort());
    }

    /** Fails the run unless the listener at {@code hostPort} refuses {@code set}'s refused token: the checks run. */
    static void requireRefusal(StormValidator validator, String alg, TokenSet set, String hostPort)
            throws java.io.IOException {
        if (ConnectionStorm.refusal(hostPort, set.refused()) == null) {
            throw new IllegalStateException(validator.label() + " accepted a token it must refuse (" + alg
                    + "): the broker is not validating as configured");
        }
    }

    /** The four steps for one validator and algorithm; false when any connection was refused. */
    private static boolean measure(StormResults results, int round, StormValidator validator, String alg,
                                   TokenSet set, StormBroker broker, int threads) throws Exception {
        requireRefusal(validator, alg, set, broker);
        boolean clean = true;
        for (String phase : List.of("warmup", "first-seen", "reconnect")) {
            List<String> presented = phase.equals("warmup") ? set.warmup() : set.measured();
            Thread.sleep(PAUSE_MILLIS);
            ConnectionStorm.Result result = ConnectionStorm.run(broker, broker.listener(), presented, threads);
            results.add(new StormResults.Row(round, validator, alg, phase, 0, presented.size(), threads, result));
            if (result.refused() > 0) {
                clean = false;
                System.err.println("AuthStorm: " + validator.label() + " " + alg + " " + phase + ": " + result.refused()
                        + " refused, first: " + result.firstRefusal() + "\n" + broker.logTail());
            }
        }
        return clean;
    }
}
