package io.claimgate.benchmarks;

import io.claimgate.it.SaslSession;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * The re-authentication storm (KIP-368), {@link AuthStorm}'s {@code --scenario=reauth}: on a broker
 * whose OAUTHBEARER listener sets {@code connections.max.reauth.ms}, {@code connections} connections
 * are authenticated and held open ({@code open}), then every one re-authenticates on its open socket
 * (SaslHandshake + SaslAuthenticate again, {@link SaslSession}), three times:
 * <ol>
 *   <li>{@code reauth-warmup}: the token it opened with (warms the broker's re-authentication path);</li>
 *   <li>{@code reauth}: the same token again: a client re-authenticating before its login refreshed the
 *       token (claimgate answers from its token cache);</li>
 *   <li>{@code reauth-new-token}: a new distinct token of the same client: after the login refreshed it
 *       (a first-seen token for every validator; the broker refuses a re-authentication that changes
 *       the principal, so the new token has the same {@code sub}).</li>
 * </ol>
 * Every accepted authentication must carry a session lifetime (0 &lt; lifetime &le; the configured
 * maximum), else it counts as refused: re-authentication was not enabled, the phase measured nothing.
 * {@link ExpiryCheck} proves, per broker, that a connection which does not re-authenticate is closed.
 */
final class ReauthStorm {
    static final List<String> PHASES = List.of("open", "reauth-warmup", "reauth", "reauth-new-token");
    /** Between phases: the broker refuses a second re-authentication of a connection within a second. */
    private static final long PAUSE_MILLIS = 1100;

    private ReauthStorm() {
    }

    /**
     * The four phases for one validator and algorithm; {@code opening.get(i)} and {@code refreshed.get(i)}
     * are tokens of the same client. False when any authentication was refused.
     */
    static boolean measure(StormResults results, int round, StormValidator validator, String alg, List<String> opening,
                           List<String> refreshed, StormBroker broker, AuthStormOptions options) throws Exception {
        int n = opening.size();
        SaslSession[] sessions = new SaslSession[n];
        boolean clean = true;
        try {
            for (String phase : PHASES) {
                Thread.sleep(PAUSE_MILLIS);
                ConnectionStorm.Attempt attempt = attempt(phase, sessions, opening, refreshed, broker.hostPort(),
                        options.reauthMillis(), 0);
                ConnectionStorm.Result result = ConnectionStorm.runEach(broker, broker.listener(), n, options.threads(), attempt);
                results.add(new StormResults.Row(round, validator, alg, phase, 0, n, options.threads(), result));
                if (result.refused() > 0) {
                    clean = false;
                    System.err.println("AuthStorm: " + validator.label() + " " + alg + " " + phase + ": "
                            + result.refused() + " refused, first: " + result.firstRefusal() + "\n" + broker.logTail());
                    break;   // a refused re-authentication closed its connection: later phases would fail for that
                }
            }
        } finally {
            for (SaslSession session : sessions) {
                if (session != null) {
                    session.close();
                }
            }
        }
        return clean;
    }

    /**
     * What attempt {@code i} of {@code phase} does with connection {@code offset + i}: {@code open}
     * connects to {@code hostPort} and authenticates with {@code opening}'s token, the re-authentication
     * phases re-authenticate the open connection ({@code reauth-new-token} with {@code refreshed}'s).
     */
    static ConnectionStorm.Attempt attempt(String phase, SaslSession[] sessions, List<String> opening,
                                           List<String> refreshed, String hostPort, long reauthMillis, int offset) {
        return switch (phase) {
            case "open" -> i -> {
                sessions[offset + i] = SaslSession.connect(hostPort, ConnectionStorm.TIMEOUT);
                return refusal(sessions[offset + i], opening.get(offset + i), reauthMillis);
            };
            case "reauth-new-token" -> i -> refusal(sessions[offset + i], refreshed.get(offset + i), reauthMillis);
            default -> i -> refusal(sessions[offset + i], opening.get(offset + i), reauthMillis);
        };
    }

    /** Null when {@code token} was accepted with a session lifetime within {@code maxLifetimeMs}, else why not. */
    private static String refusal(SaslSession session, String token, long maxLifetimeMs) throws IOException {
        SaslSession.Authentication answer = session.authenticate(token);
        if (!answer.accepted()) {
            return answer.message();
        }
        long lifetime = answer.sessionLifetimeMs();
        return lifetime > 0 && lifetime <= maxLifetimeMs ? null
                : "accepted with session lifetime " + lifetime + " ms, not in (0, " + maxLifetimeMs + "]:"
                + " connections.max.reauth.ms is not in effect";
    }

    /**
     * Proof that the storm exercised re-authentication: two connections authenticated when the broker
     * started; once their session lifetime has passed, the one that never re-authenticated must be
     * closed by the broker at its next request, and the other, re-authenticated, must be answered.
     */
    static final class ExpiryCheck implements AutoCloseable {
        private static final long EXPIRY_MARGIN_MILLIS = 2000;
        private final SaslSession idle;
        private final SaslSession renewed;
        private final String token;
        private final long lifetimeMs;
        /** When both sessions have surely expired: set once both are authenticated. */
        private long deadlineNanos;

        private ExpiryCheck(SaslSession idle, SaslSession renewed, String token, long lifetimeMs) {
            this.idle = idle;
            this.renewed = renewed;
            this.token = token;
            this.lifetimeMs = lifetimeMs;
        }

        /** Opens both connections with {@code token}; both must be authenticated and answered. */
        static ExpiryCheck start(StormBroker broker, String token, long lifetimeMs) throws IOException {
            return start(broker.hostPort(), token, lifetimeMs);
        }

        /** Opens both connections to the listener at {@code hostPort} with {@code token}; both must be authenticated and answered. */
        static ExpiryCheck start(String hostPort, String token, long lifetimeMs) throws IOException {
            SaslSession idle = SaslSession.connect(hostPort, ConnectionStorm.TIMEOUT);
            SaslSession renewed = SaslSession.connect(hostPort, ConnectionStorm.TIMEOUT);
            ExpiryCheck check = new ExpiryCheck(idle, renewed, token, lifetimeMs);
            for (SaslSession session : List.of(idle, renewed)) {
                String refusal = refusal(session, token, lifetimeMs);
                if (refusal != null || !session.answersRequests()) {
                    check.close();
                    throw new IllegalStateException("expiry check: a fresh connection was not authenticated and answered: "
                            + refusal);
                }
            }
            // the sessions end at most lifetimeMs after their authentication; a margin for a busy broker
            check.deadlineNanos = System.nanoTime() + Duration.ofMillis(check.lifetimeMs + EXPIRY_MARGIN_MILLIS).toNanos();
            return check;
        }

        /**
         * Waits until the session lifetime has passed, then: the idle connection's next request must
         * close it; the renewed one re-authenticates and must be answered. Returns what it proved.
         */
        String verify() throws Exception {
            long wait = deadlineNanos - System.nanoTime();
            if (wait > 0) {
                System.err.println("AuthStorm: waiting " + Duration.ofNanos(wait).toSeconds()
                        + " s for the idle connection's session to expire");
                Thread.sleep(Duration.ofNanos(wait).toMillis() + 1);
            }
            if (idle.answersRequests()) {
                throw new IllegalStateException("expiry check: a connection that did not re-authenticate was still"
                        + " answered after its session lifetime: the broker does not enforce connections.max.reauth.ms");
            }
            String refusal = refusal(renewed, token, Long.MAX_VALUE);
            if (refusal != null || !renewed.answersRequests()) {
                throw new IllegalStateException("expiry check: the re-authenticated connection was not answered: " + refusal);
            }
            return "after its session lifetime the broker closed the connection that did not re-authenticate"
                    + " and answered the one that re-authenticated";
        }

        @Override
        public void close() throws IOException {
            idle.close();
            renewed.close();
        }
    }
}
