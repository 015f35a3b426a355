package io.claimgate.server.idp;

import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fails calls to one IdP endpoint fast while it is down, so that validations needing it do not each
 * wait out the HTTP timeouts (and a struggling IdP is not hammered).
 *
 * <ul>
 *   <li><b>closed</b>: calls go through; {@code failureThreshold} consecutive failures open it.</li>
 *   <li><b>open</b>: calls fail at once with {@link OpenException}, no network, for {@code cooldown}.</li>
 *   <li><b>half-open</b>: after the cool-down one call, the probe, goes through while all others
 *       still fail fast; its success closes the breaker, its failure opens it for another cool-down.</li>
 * </ul>
 * A failure is an {@link IOException} from the call (connection refused, timeout, or what the
 * caller maps to one: HTTP 5xx, 429). Thread-safe; the state change is under a lock, the call is not.
 */
public final class CircuitBreaker {
    private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

    public enum State {
        CLOSED(0), HALF_OPEN(1), OPEN(2);

        /** For the state gauge: 0 closed, 1 half-open, 2 open. */
        public final int gaugeValue;

        State(int gaugeValue) {
            this.gaugeValue = gaugeValue;
        }
    }

    /** A call refused without touching the network because the breaker is open. */
    public static final class OpenException extends IOException {
        private static final long serialVersionUID = 1L;

        OpenException(String message) {
            super(message, null);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;   // routine while the IdP is down; the message says everything
        }
    }

    /** One call to the endpoint. */
    public interface Call<T> {
        T call() throws IOException;
    }

    private final String endpoint;
    private final int failureThreshold;
    private final long cooldownNanos;
    private final LongSupplier nanoTime;
    private State state = State.CLOSED;   // guarded by this
    private int consecutiveFailures;      // guarded by this
    private long openedAtNanos;           // guarded by this

    /**
     * @param endpoint what is guarded, for messages (a URL or a description; never a secret)
     */
    public CircuitBreaker(String endpoint, int failureThreshold, Duration cooldown, LongSupplier nanoTime) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be at least 1");
        }
        this.endpoint = endpoint;
        this.failureThreshold = failureThreshold;
        this.cooldownNanos = cooldown.toNanos();
        this.nanoTime = nanoTime;
    }

    public CircuitBreaker(String endpoint, int failureThreshold, Duration cooldown) {
        this(endpoint, failureThreshold, cooldown, System::nanoTime);
    }

    public <T> T call(Call<T> call) throws IOException {
        admit();
        T result;
        try {
            result = call.call();
        } catch (IOException e) {
            failed(e);
            throw e;
        } catch (RuntimeException | Error e) {
            failed(new IOException(e.toString()));
            throw e;
        }
        succeeded();
        return result;
    }

    public synchronized State state() {
        return state;
    }

    private synchronized void admit() throws OpenException {
        if (state == State.CLOSED) {
            return;
        }
        long openFor = nanoTime.getAsLong() - openedAtNanos;
        if (state == State.OPEN && openFor >= cooldownNanos) {
            state = State.HALF_OPEN;   // this caller is the probe
            return;
        }
        throw new OpenException("circuit breaker for " + endpoint + " is open after " + consecutiveFailures
                + " consecutive failures; failing fast without calling the IdP"
                + (state == State.HALF_OPEN ? " while a probe call is under way"
                        : " for another " + Math.max(0, (cooldownNanos - openFor) / 1_000_000) + " ms"));
    }

    private synchronized void succeeded() {
        if (state != State.CLOSED) {
            log.info("claimgate: {} answers again; circuit breaker closed after {} failure(s)", endpoint,
                    consecutiveFailures);
        }
        state = State.CLOSED;
        consecutiveFailures = 0;
    }

    private synchronized void failed(IOException e) {
        consecutiveFailures++;
        if (state == State.HALF_OPEN || (state == State.CLOSED && consecutiveFailures >= failureThreshold)) {
            if (state == State.CLOSED) {
                log.warn("claimgate: {} failed {} times in a row ({}); circuit breaker open: calls fail fast for {} ms,"
                        + " then one probe", endpoint, consecutiveFailures, e.getMessage(), cooldownNanos / 1_000_000);
            }
            state = State.OPEN;
            openedAtNanos = nanoTime.getAsLong();
        }
    }
}
