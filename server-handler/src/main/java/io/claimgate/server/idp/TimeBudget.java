package io.claimgate.server.idp;

import io.claimgate.common.config.OptionNames;
import java.io.IOException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The time one authentication may spend waiting for the IdP ({@code oauth.validation.timeout.ms}),
 * started when the validation begins and drawn down by every wait on its path (discovery, waiting
 * for another caller's request, the introspection request): the total across the steps is bounded,
 * not each step. Background work (JWKS refreshes, start-up) does not use one. Immutable; each
 * authentication has its own.
 */
public final class TimeBudget {
    private static final TimeBudget UNLIMITED = new TimeBudget(Duration.ofDays(365), Long.MAX_VALUE / 2, System::nanoTime);

    private final Duration total;
    private final long deadlineNanos;
    private final LongSupplier nanoTime;

    private TimeBudget(Duration total, long deadlineNanos, LongSupplier nanoTime) {
        this.total = total;
        this.deadlineNanos = deadlineNanos;
        this.nanoTime = nanoTime;
    }

    /** A budget of {@code total}, starting now. */
    public static TimeBudget start(Duration total) {
        return start(total, System::nanoTime);
    }

    public static TimeBudget start(Duration total, LongSupplier nanoTime) {
        return new TimeBudget(total, nanoTime.getAsLong() + total.toNanos(), nanoTime);
    }

    /** No budget: for background work, bounded by the HTTP timeouts alone. */
    public static TimeBudget unlimited() {
        return UNLIMITED;
    }

    /** What is left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - nanoTime.getAsLong()));
    }

    /** {@code limit} or what is left, whichever is shorter. */
    public Duration cap(Duration limit) {
        Duration left = remaining();
        return left.compareTo(limit) < 0 ? left : limit;
    }

    public boolean exhausted() {
        return this != UNLIMITED && deadlineNanos - nanoTime.getAsLong() <= 0;
    }

    /** A wait that was not even begun: the budget was spent before it. */
    public static final class Exhausted extends IOException {
        private static final long serialVersionUID = 1L;

        Exhausted(String message) {
            super(message);
        }
    }

    /** Throws {@link Exhausted} if nothing is left, before a wait for {@code waitingFor} begins. */
    public void check(String waitingFor) throws Exhausted {
        if (exhausted()) {
            throw new Exhausted(exhaustedWhile(waitingFor));
        }
    }

    /** For a refusal: says which budget ran out and while waiting for what. */
    public String exhaustedWhile(String waitingFor) {
        return "validation budget of " + total.toMillis() + " ms (" + OptionNames.VALIDATION_TIMEOUT_MS
                + ") exhausted while waiting for " + waitingFor;
    }
}
