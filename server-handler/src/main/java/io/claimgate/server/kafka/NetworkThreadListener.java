package io.claimgate.server.kafka;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The listener a broker network thread serves, read from the thread's name. Kafka does not tell a
 * SASL server callback handler its listener: {@code configure()} gets the broker configuration with
 * the listener's own prefix stripped. But SASL authentication runs on the listener's network
 * threads, which Kafka names {@code data-plane-kafka-network-thread-<node>-<listener>-<protocol>-<n>}
 * (4.1 to 4.3). Used for a metric tag only, never for a decision; {@value #UNKNOWN} on any other
 * thread. Kafka does not document these names: this class is the only place claimgate relies on
 * them (docs/KAFKA-COMPATIBILITY.md); {@code PrometheusExportTest} pins them on a real broker.
 */
public final class NetworkThreadListener {
    private static final Pattern NAME = Pattern.compile(
            "^data-plane-kafka-network-thread-\\d+-(?:ListenerName\\()?([A-Za-z0-9_]+)\\)?-(?:SASL_PLAINTEXT|SASL_SSL|PLAINTEXT|SSL)-\\d+$");

    /** The listener of a thread that is not one of Kafka's network threads. */
    public static final String UNKNOWN = "unknown";

    private NetworkThreadListener() {
    }

    /** The listener of the calling thread, or {@value #UNKNOWN}. */
    public static String current() {
        return of(Thread.currentThread().getName());
    }

    static String of(String threadName) {
        Matcher matcher = NAME.matcher(threadName);
        return matcher.matches() ? matcher.group(1) : UNKNOWN;
    }
}
