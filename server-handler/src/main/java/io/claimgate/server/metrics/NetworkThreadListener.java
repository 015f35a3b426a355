package io.claimgate.server.metrics;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The listener a broker network thread serves, read from the thread's name. Kafka does not tell a
 * SASL server callback handler its listener: {@code configure()} gets the broker configuration with
 * the listener's own prefix stripped. But SASL authentication runs on the listener's network
 * threads, which Kafka names {@code data-plane-kafka-network-thread-<node>-<listener>-<protocol>-<n>}
 * (4.1 to 4.3). Used for a metric tag only, never for a decision; {@value AuthenticationMetrics#UNKNOWN_LISTENER}
 * on any other thread.
 */
public final class NetworkThreadListener {
    private static final Pattern NAME = Pattern.compile(
            "^data-plane-kafka-network-thread-\\d+-(?:ListenerName\\()?([A-Za-z0-9_]+)\\)?-(?:SASL_PLAINTEXT|SASL_SSL|PLAINTEXT|SSL)-\\d+$");

    private NetworkThreadListener() {
    }

    /** The listener of the calling thread, or {@value AuthenticationMetrics#UNKNOWN_LISTENER}. */
    public static String current() {
        return of(Thread.currentThread().getName());
    }

    static String of(String threadName) {
        Matcher matcher = NAME.matcher(threadName);
        return matcher.matches() ? matcher.group(1) : AuthenticationMetrics.UNKNOWN_LISTENER;
    }
}
