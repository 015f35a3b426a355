package io.claimgate.it;

import java.io.IOException;
import java.time.Duration;

/**
 * One SASL/OAUTHBEARER authentication on a fresh TCP connection, spoken directly in Kafka's
 * protocol (SaslHandshake, SaslAuthenticate, and the {@code %x01} that collects the failure, as
 * RFC 7628 asks): what a hostile client sends, without a Kafka client's threads, metadata, retries
 * or backoff, so one test thread can make many attempts a second. Request and response bodies are
 * built and parsed by kafka-clients' own classes ({@link SaslSession}).
 */
public final class RawOAuthBearer {
    /**
     * @param accepted the broker authenticated the token (an empty final answer, no error)
     * @param message  the broker's error message when refused (carries the reason), else empty
     * @param elapsed  from connecting to the last answer
     */
    public record Outcome(boolean accepted, String message, Duration elapsed) {
    }

    private RawOAuthBearer() {
    }

    /**
     * Presents {@code token} to the SASL_PLAINTEXT OAUTHBEARER listener at {@code hostPort}
     * ({@code host:port}); every read waits at most {@code timeout}.
     *
     * @throws IOException when the connection fails or an answer does not come within the timeout
     */
    public static Outcome authenticate(String hostPort, String token, Duration timeout) throws IOException {
        long start = System.nanoTime();
        try (SaslSession session = SaslSession.connect(hostPort, timeout)) {
            SaslSession.Authentication answer = session.authenticate(token);
            return new Outcome(answer.accepted(), answer.message(), Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
